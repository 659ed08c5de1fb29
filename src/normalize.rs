//! Text to lookup keys, one function per layer, from strict to loose.
//!
//! A name becomes one key per [`Layer`]. The index stores every variant under each of its
//! keys, and a query is looked up layer by layer; a match on a stricter layer outranks a
//! looser one. The layers are pure functions of the text, so a query and a lexicon name that
//! mean the same thing meet on the same key.
//!
//! ```
//! use canonym::normalize::{folded, latin};
//!
//! assert_eq!(folded("Tin-Zaouatène"), "tin zaouatene");
//! assert_eq!(folded("Jama’at  Nusrat"), "jama'at nusrat");
//! assert_eq!(latin(&folded("Лавров")), "lavrov");
//! ```

use std::fmt;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The version of the normalization rules. It is stored in every index and checked when the
/// index is opened: keys made by other rules would silently miss, so such an index is refused.
/// Bump it whenever any layer's output changes for any input.
pub const NORMALIZER_VERSION: u32 = 1;

/// A normalization layer, from strict to loose. Their order is their rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Layer {
    /// The string as written, after Unicode NFC and trimming.
    Exact,
    /// Compatibility forms, case, diacritics, apostrophes, dashes and spacing folded away.
    Folded,
    /// The folded key transliterated to ASCII, so scripts meet (Лавров ~ Lavrov).
    Latin,
}

impl Layer {
    /// Every layer, strict to loose.
    pub const ALL: [Layer; 3] = [Layer::Exact, Layer::Folded, Layer::Latin];

    /// The layer's name as printed and as written in JSON (`exact`, `folded`, `latin`).
    pub fn name(self) -> &'static str {
        match self {
            Layer::Exact => "exact",
            Layer::Folded => "folded",
            Layer::Latin => "latin",
        }
    }

    /// The layer's key for `text`.
    ///
    /// ```
    /// use canonym::normalize::Layer;
    ///
    /// assert_eq!(Layer::Folded.key("AL-QAÏDA"), "al qaida");
    /// ```
    pub fn key(self, text: &str) -> String {
        match self {
            Layer::Exact => exact(text),
            Layer::Folded => folded(text),
            Layer::Latin => latin(&folded(text)),
        }
    }

    /// How much a match on this layer is worth, in (0, 1]: the score of a perfect match here.
    pub(crate) fn weight(self) -> f64 {
        match self {
            Layer::Exact => 1.0,
            Layer::Folded => 0.95,
            Layer::Latin => 0.9,
        }
    }

    /// The layer's stable number in the index file format.
    pub(crate) fn code(self) -> u32 {
        match self {
            Layer::Exact => 0,
            Layer::Folded => 1,
            Layer::Latin => 2,
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The exact layer: Unicode NFC, surrounding whitespace trimmed.
///
/// ```
/// // "e" + combining acute composes to "é".
/// assert_eq!(canonym::normalize::exact(" Tinzaoute\u{301}ne "), "Tinzaouténe");
/// ```
pub fn exact(text: &str) -> String {
    text.trim().nfc().collect()
}

/// The folded layer: NFKC, full Unicode case folding, diacritics removed (Latin, Greek and
/// Arabic marks; Cyrillic keeps й but ё becomes е), apostrophe look-alikes unified to `'`,
/// hyphens, dashes, dots and underscores read as spaces, Arabic tatweel removed and alef, teh
/// marbuta and alef maksura forms unified, whitespace collapsed.
///
/// ```
/// use canonym::normalize::folded;
///
/// assert_eq!(folded("Groupe de soutien à l'Islam"), "groupe de soutien a l'islam");
/// assert_eq!(folded("A.Q.M.I."), "a q m i");
/// assert_eq!(folded("STRASSE"), folded("Straße"));
/// ```
pub fn folded(text: &str) -> String {
    // Apostrophes first: NFKC would turn the acute accent ´ into a space and a combining mark.
    let compatible: String = text
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .nfkc()
        .collect();
    let case_folded = caseless::default_case_fold_str(&compatible);
    // One pass over the decomposed text maps characters and drops diacritics. A mark is
    // judged by the character it now follows, so that a second pass sees the same thing and
    // folding stays idempotent.
    let mut out = String::with_capacity(case_folded.len());
    let mut base: Option<char> = None;
    for c in case_folded.nfkd() {
        if is_combining_mark(c) {
            if !base.is_some_and(|b| mark_is_diacritic(b, c)) {
                out.push(c);
            }
            continue;
        }
        let mapped = match fold_char(c) {
            Folded::Keep => c,
            Folded::Drop => continue,
            Folded::Space => ' ',
            Folded::As(r) => r,
        };
        out.push(mapped);
        base = Some(mapped);
    }
    let out: String = out.nfc().collect();
    collapse_spaces(&out)
}

/// The latin layer: a folded key transliterated to ASCII, then folded again (the
/// transliteration can bring back capitals and punctuation).
///
/// ```
/// use canonym::normalize::{folded, latin};
///
/// assert_eq!(latin(&folded("Сергей Лавров")), "sergei lavrov");
/// assert_eq!(latin("tinzaouatene"), "tinzaouatene");
/// ```
pub fn latin(folded_key: &str) -> String {
    if folded_key.is_ascii() {
        return folded_key.to_string();
    }
    folded(&deunicode::deunicode(folded_key))
}

/// What folding does with one character.
enum Folded {
    Keep,
    Drop,
    Space,
    As(char),
}

/// Apostrophes, their look-alikes, and the modifier letters used for them (and for ayin and
/// hamza) in transliteration: in a name they all mean the same thing.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '\u{02BB}'
            | '\u{02BD}'
            | '`'
            | '\u{00B4}'
            | '\u{2032}'
            | '\u{02B9}'
            | '\u{02BE}'
            | '\u{02BF}'
    )
}

fn fold_char(c: char) -> Folded {
    match c {
        c if is_apostrophe(c) => Folded::As('\''),
        // Word joiners in names: Tin-Zaouatène, A.Q.M.I., Gourma_Rharous.
        '-'
        | '.'
        | '_'
        | '\u{00B7}'
        | '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => Folded::Space,
        c if c.is_whitespace() => Folded::Space,
        // Zero-width and format characters carry no letters.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Folded::Drop,
        // Arabic: tatweel is only stretching; hamza-carrying alefs and alef wasla are written
        // interchangeably; teh marbuta and alef maksura are often written as heh and yeh.
        '\u{0640}' => Folded::Drop,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Folded::As('\u{0627}'),
        '\u{0629}' => Folded::As('\u{0647}'),
        '\u{0649}' => Folded::As('\u{064A}'),
        c if c.is_control() => Folded::Space,
        _ => Folded::Keep,
    }
}

/// Whether combining mark `mark` on `base` is a diacritic that folding removes. Latin, Greek
/// and Arabic marks go (é -> e, harakat); Cyrillic keeps its letters (й is not и) except the
/// diaeresis of ё, which Russian text mostly omits; other scripts keep their marks, which are
/// often vowels rather than accents.
fn mark_is_diacritic(base: char, mark: char) -> bool {
    match base {
        '\u{0435}' | '\u{0415}' => mark == '\u{0308}',
        '\u{0400}'..='\u{052F}' => false,
        _ => is_latin_greek_or_arabic(base),
    }
}

fn is_latin_greek_or_arabic(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{024F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{0370}'..='\u{03FF}'
        | '\u{1F00}'..='\u{1FFF}'
        | '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Collapses runs of spaces into one and trims the ends.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_is_nfc_and_trimmed() {
        assert_eq!(exact("  JNIM\n"), "JNIM");
        assert_eq!(exact("Tinzaoue\u{0300}"), "Tinzaouè");
    }

    #[test]
    fn folded_unifies_spellings_of_one_name() {
        let forms = [
            "Tin-Zaouatene",
            "Tin Zaouatène",
            "TIN  ZAOUATENE",
            "tin\u{2013}zaouatene",
            "Tin.Zaouatene",
        ];
        for form in forms {
            assert_eq!(folded(form), "tin zaouatene", "{form}");
        }
    }

    #[test]
    fn folded_unifies_apostrophes() {
        for form in [
            "Jama'at",
            "Jama’at",
            "Jamaʼat",
            "Jamaʻat",
            "Jama`at",
            "Jama´at",
        ] {
            assert_eq!(folded(form), "jama'at", "{form}");
        }
    }

    #[test]
    fn folded_uses_full_case_folding_and_nfkc() {
        assert_eq!(folded("Straße"), "strasse");
        assert_eq!(folded("ＪＮＩＭ"), "jnim");
        assert_eq!(folded("ΣΟΦΟΣ"), folded("σοφος"));
    }

    #[test]
    fn folded_arabic() {
        // Harakat and tatweel removed, alef forms unified, teh marbuta as heh.
        assert_eq!(folded("جَمَاعَة"), "جماعه");
        assert_eq!(folded("جمـــاعة"), "جماعه");
        assert_eq!(folded("الإسلام"), folded("الاسلام"));
        assert_eq!(folded("أنصار"), folded("انصار"));
        assert_eq!(folded("مصطفى"), folded("مصطفي"));
    }

    #[test]
    fn folded_cyrillic_keeps_short_i_but_not_yo() {
        assert_eq!(folded("Сергей"), "сергей");
        assert_eq!(folded("Пригожёв"), "пригожев");
    }

    #[test]
    fn latin_transliterates_other_scripts() {
        assert_eq!(latin(&folded("Лавров")), "lavrov");
        assert_eq!(Layer::Latin.key("Ménaka"), "menaka");
    }

    #[test]
    fn empty_and_blank_inputs_give_empty_keys() {
        for layer in Layer::ALL {
            assert_eq!(layer.key(""), "");
            assert_eq!(layer.key(" \t\n"), "");
        }
        assert_eq!(folded("- . _"), "");
    }
}
