//! Text to lookup keys, one function per layer, from strict to loose.
//!
//! A name becomes one key per keyed [`Layer`]. The index finds every variant by each of its
//! keys (by the exact key through the folded one), and a query is looked up layer by layer; a match on a stricter layer outranks a
//! looser one. The layers are pure functions of the text, so a query and a lexicon name that
//! mean the same thing meet on the same key. The last layer, fuzzy, has no key of its own: it
//! searches the latin keys within an edit distance.
//!
//! ```
//! use canonym::normalize::{folded, latin, skeleton};
//!
//! assert_eq!(folded("Tin-Zaouatène"), "tin zaouatene");
//! assert_eq!(folded("Jama’at  Nusrat al-Islam"), "jama'at nusrat alislam");
//! assert_eq!(latin(&folded("Лавров")), "lavrov");
//! assert_eq!(skeleton("Tinzawaten"), skeleton("Tin Zaouatine"));
//! ```

mod abugida;
pub(crate) mod concepts;
mod fold;
pub(crate) mod lang;
mod skeleton;

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The version of the normalization rules. It is stored in every index and checked when the
/// index is opened: keys made by other rules would silently miss, so such an index is refused.
/// Bump it whenever any layer's output changes for any input.
pub const NORMALIZER_VERSION: u32 = 8;

/// Skeleton keys shorter than this meet too many words to be worth storing or looking up.
pub(crate) const MIN_SKELETON_LEN: usize = 4;

/// A normalization layer, from strict to loose. Their order is their rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Layer {
    /// The string as written, after Unicode NFC and trimming.
    Exact,
    /// Compatibility forms, case, diacritics, apostrophes, dashes and spacing folded away;
    /// Arabic articles and initials glued.
    Folded,
    /// The folded key transliterated to ASCII, so scripts meet (Лавров ~ Lavrov), without
    /// the apostrophes written inside words (N'Djamena ~ Ndjamena).
    Latin,
    /// The folded key with the words of inflecting languages reduced to their stems, so that
    /// case forms meet (Кидаля ~ Кидаль).
    Stem,
    /// A consonant skeleton on which transliteration variants meet (Tinzaouatène ~
    /// Tinzawaten ~ تين زواتين).
    Skeleton,
    /// The query's words are some of a name's words, in any order (a truncated name, a
    /// surname, `Traoré, Ibrahim`), scored by the share of the name's information they carry.
    Token,
    /// Within a small edit distance of a latin key.
    Fuzzy,
}

impl Layer {
    /// Every layer, strict to loose.
    pub const ALL: [Layer; 7] = [
        Layer::Exact,
        Layer::Folded,
        Layer::Latin,
        Layer::Stem,
        Layer::Skeleton,
        Layer::Token,
        Layer::Fuzzy,
    ];

    /// The layers on which a name has one key of its own. (The index stores the folded,
    /// latin, stem and skeleton keys; exact matches are found among the folded ones. The token
    /// layer keys each word, the fuzzy layer searches around the latin key.)
    pub const KEYED: [Layer; 5] = [
        Layer::Exact,
        Layer::Folded,
        Layer::Latin,
        Layer::Stem,
        Layer::Skeleton,
    ];

    /// The layer's name as printed and as written in JSON (`exact`, `folded`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Layer::Exact => "exact",
            Layer::Folded => "folded",
            Layer::Latin => "latin",
            Layer::Stem => "stem",
            Layer::Skeleton => "skeleton",
            Layer::Token => "token",
            Layer::Fuzzy => "fuzzy",
        }
    }

    /// The layer's key for `text`. The fuzzy layer searches around the latin key, so that is
    /// its key; the token layer keys each word of its key.
    ///
    /// ```
    /// use canonym::normalize::Layer;
    ///
    /// assert_eq!(Layer::Folded.key("AL-QAÏDA"), "alqaida");
    /// assert_eq!(Layer::Skeleton.key("Tinzaouatène"), "tnztn");
    /// ```
    pub fn key(self, text: &str) -> String {
        match self {
            Layer::Exact => exact(text),
            Layer::Folded => folded(text),
            Layer::Latin | Layer::Fuzzy => latin(&folded(text)),
            Layer::Token => token_key(text),
            Layer::Stem => stem(&folded(text)),
            Layer::Skeleton => skeleton(text),
        }
    }

    /// How much a match on this layer is worth: the score of a perfect match here.
    pub(crate) fn weight(self) -> f64 {
        match self {
            Layer::Exact => 1.0,
            Layer::Folded => 0.95,
            Layer::Latin => 0.9,
            Layer::Stem => 0.85,
            Layer::Skeleton => 0.75,
            // A token match scores this times the share of the information it covers (see
            // resolve): at best a little under a whole match on the skeleton.
            Layer::Token => 0.74,
            Layer::Fuzzy => 0.7,
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
    let text = text.trim();
    // Most text is already in NFC (ASCII always is), which the quick check tells without
    // normalizing.
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// The folded layer: NFKC, full Unicode case folding, diacritics removed (Latin, Greek and
/// Arabic marks; Cyrillic keeps й but ё becomes е), apostrophe look-alikes unified to `'`,
/// hyphens, dashes, dots and underscores read as spaces, Arabic tatweel removed and alef, teh
/// marbuta and alef maksura forms unified, whitespace collapsed; then the Arabic article is
/// glued to its word and initials are glued together.
///
/// ```
/// use canonym::normalize::folded;
///
/// assert_eq!(folded("Groupe de soutien à l'Islam"), "groupe de soutien a l'islam");
/// assert_eq!(folded("A.Q.M.I."), "aqmi");
/// assert_eq!(folded("al Qaida"), folded("Alqaida"));
/// assert_eq!(folded("STRASSE"), folded("Straße"));
/// ```
pub fn folded(text: &str) -> String {
    glued(basic(text))
}

/// The folded key from the basic folding: the particles glued, reusing the string when there
/// are none (most names).
fn glued(basic: String) -> String {
    match fold::join_particles(&basic) {
        Cow::Borrowed(_) => basic,
        Cow::Owned(joined) => joined,
    }
}

/// Folding without the gluing of particles: what the skeleton starts from.
fn basic(text: &str) -> String {
    fold::basic_by_char(text).unwrap_or_else(|| fold::basic_general(text))
}

/// The latin layer: a folded key transliterated to ASCII, then folded again (the
/// transliteration can bring back capitals and punctuation), without the apostrophes written
/// inside words. deunicode writes Arabic without its alef (`باماكو` is `bmkw`), which makes
/// the spellings of a foreign name with and without a long a meet (`بماكو`, `باماكوا`). An
/// apostrophe written inside a word is as often left out: the prenasalized consonants of West
/// African names (`N'Djamena`, `Ndjamena`; `Bah N'Daw`, `Bah Ndaw`) and the ʿayn and hamza of
/// Arabic transliterations (`Jama'at`, `Jamaat`). The apostrophes that deunicode writes for
/// the ʿayn of Arabic script stay, as a `3`: without them more Arabic names would meet
/// (`نعيمي`, `نيامي`). The scripts whose letters are syllables (those of India, Ethiopic)
/// are written a syllable at a time first (`बमाको` is `bamako`: see `abugida`).
///
/// ```
/// use canonym::normalize::{folded, latin};
///
/// assert_eq!(latin(&folded("Сергей Лавров")), "sergei lavrov");
/// assert_eq!(latin("tinzaouatene"), "tinzaouatene");
/// assert_eq!(latin(&folded("باماكو")), latin(&folded("بماكو")));
/// assert_eq!(latin(&folded("N'Djamena")), latin(&folded("Ndjamena")));
/// ```
pub fn latin(folded_key: &str) -> String {
    let written = without_inner_apostrophes(folded_key);
    if written.is_ascii() {
        return written.into_owned();
    }
    let written = abugida::romanized(&written);
    let latin = folded(&deunicode::deunicode(&written));
    match latin.contains('\'') {
        true => latin.replace('\'', TRANSLITERATED_APOSTROPHE),
        false => latin,
    }
}

/// What the latin key writes for an apostrophe of the transliteration: `3`, as Arabic chat
/// writes the ʿayn (`جماعة` is `jm3h`), so that it stays a letter of the key and a second
/// pass keeps it.
const TRANSLITERATED_APOSTROPHE: &str = "3";

/// A key without the apostrophes that stand between two letters or digits, but for a
/// possessive's (`Bazoum's`).
fn without_inner_apostrophes(key: &str) -> Cow<'_, str> {
    if !key.contains('\'') {
        return Cow::Borrowed(key);
    }
    let chars: Vec<char> = key.chars().collect();
    let letter = |at: usize| chars.get(at).is_some_and(|c| c.is_alphanumeric());
    let possessive = |at: usize| chars.get(at + 1) == Some(&'s') && !letter(at + 2);
    let inner = |at: usize| at > 0 && letter(at - 1) && letter(at + 1) && !possessive(at);
    (0..chars.len())
        .filter(|&at| !(chars[at] == '\'' && inner(at)))
        .map(|at| chars[at])
        .collect()
}

/// The stem layer: each word of a folded key reduced to its stem by the rules of its
/// language, where the script tells the language (Cyrillic words by their Russian case
/// endings: see `lang::east_slavic_stem`); other words are kept as they are.
///
/// ```
/// use canonym::normalize::{folded, stem};
///
/// assert_eq!(stem(&folded("Кидаля")), stem(&folded("Кидаль")));
/// assert_eq!(stem(&folded("Ассими Гоитой")), stem(&folded("Ассими Гоита")));
/// assert_eq!(stem(&folded("Сенегалом")), stem(&folded("Сенегал")));
/// assert_eq!(stem(&folded("Кот-д’Ивуаром")), stem(&folded("Кот-д'Ивуар")));
/// assert_eq!(stem("kidal"), "kidal");
/// ```
pub fn stem(folded_key: &str) -> String {
    if folded_key.is_ascii() {
        return folded_key.to_string();
    }
    let words: Vec<&str> = folded_key
        .split(' ')
        .map(|word| lang::east_slavic_stem(word).unwrap_or(word))
        .collect();
    words.join(" ")
}

/// Whether some word of a folded key has a stemmer (see [`stem`]): only such keys are stored
/// and looked up on the stem layer, where every other key is its folded key.
pub(crate) fn has_stems(folded_key: &str) -> bool {
    !folded_key.is_ascii()
        && folded_key
            .split(' ')
            .any(|w| lang::east_slavic_stem(w).is_some())
}

/// The token layer's key of a text: the latin form of its stem key, so that the words of
/// inflected names meet whatever their case (`Базума` ~ `Мохамед Базум`).
pub(crate) fn token_key(text: &str) -> String {
    let folded = folded(text);
    latin(&stem(&folded))
}

/// The words of a latin key, as the token layer keys them: split at spaces, apostrophes
/// dropped (`jama'at` is `jamaat`), single letters (but not digits) left out, each once.
///
/// ```
/// use canonym::normalize::{folded, latin, tokens};
///
/// let key = latin(&folded("Jama'at Nusrat al-Islam"));
/// assert_eq!(tokens(&key), ["jamaat", "nusrat", "alislam"]);
/// ```
pub fn tokens(latin_key: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in latin_key.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let word: String = word.chars().filter(|&c| c != '\'').collect();
        // Single letters are initials, which say little; a number says much (`France 2`).
        let long_enough = word.chars().count() >= 2 || word.chars().any(|c| c.is_ascii_digit());
        if long_enough && !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// The skeleton layer (see the layer's description in [`Layer::Skeleton`]).
///
/// ```
/// use canonym::normalize::skeleton;
///
/// assert_eq!(skeleton("Tinzaouatène"), "tnztn");
/// assert_eq!(skeleton("Gourma-Rharous"), skeleton("Gourma Gharous"));
/// ```
pub fn skeleton(text: &str) -> String {
    skeleton::skeleton_of_basic(&basic(text))
}

/// The key of a text on every keyed layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    /// The exact key.
    pub exact: String,
    /// The folded key.
    pub folded: String,
    /// The latin key.
    pub latin: String,
    /// The stem key.
    pub stem: String,
    /// The skeleton key.
    pub skeleton: String,
}

impl Keys {
    /// The key on `layer` (the latin key for the fuzzy layer).
    pub fn get(&self, layer: Layer) -> &str {
        match layer {
            Layer::Exact => &self.exact,
            Layer::Folded => &self.folded,
            Layer::Latin | Layer::Token | Layer::Fuzzy => &self.latin,
            Layer::Stem => &self.stem,
            Layer::Skeleton => &self.skeleton,
        }
    }
}

/// Every key of `text`, computing what the layers share once: the same as calling
/// [`Layer::key`] for each layer, faster.
///
/// ```
/// use canonym::normalize::{keys, Layer};
///
/// let k = keys("Tin-Zaouatène");
/// for layer in Layer::KEYED {
///     assert_eq!(k.get(layer), layer.key("Tin-Zaouatène"));
/// }
/// ```
pub fn keys(text: &str) -> Keys {
    let mut keys = keys_up_to(text, Layer::Skeleton);
    if keys.stem.is_empty() {
        // No word has a stemmer: the stem key is the folded key.
        keys.stem = keys.folded.clone();
    }
    keys
}

/// The keys the index stores `text` under: folded, latin, stem, skeleton and the token
/// layer's key (see [`token_key`]).
pub(crate) fn stored_keys(text: &str) -> [String; 5] {
    let basic = basic(text);
    let skeleton = skeleton::skeleton_of_basic(&basic);
    let folded = glued(basic);
    let latin = latin(&folded);
    let stem = stem(&folded);
    let token_key = match stem == folded {
        true => latin.clone(),
        false => self::latin(&stem),
    };
    [folded, latin, stem, skeleton, token_key]
}

/// The keys of `text` on the layers down to `deepest`; the stem and the skeleton are left
/// empty when `deepest` is stricter, and the stem when no word of `text` has a stemmer.
pub(crate) fn keys_up_to(text: &str, deepest: Layer) -> Keys {
    let basic = basic(text);
    let skeleton = match deepest >= Layer::Skeleton {
        true => skeleton::skeleton_of_basic(&basic),
        false => String::new(),
    };
    let folded = glued(basic);
    // Only keys with a word that has a stemmer are stored on the stem layer.
    let stem = match deepest >= Layer::Stem && has_stems(&folded) {
        true => stem(&folded),
        false => String::new(),
    };
    Keys {
        exact: exact(text),
        latin: latin(&folded),
        stem,
        skeleton,
        folded,
    }
}

/// One step of normalization and what it made of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What the step does.
    pub name: &'static str,
    /// The text after the step.
    pub output: String,
}

/// Every step from the text to each layer's key, for explaining a match.
///
/// ```
/// let steps = canonym::normalize::trace("Tin-Zaouatène");
/// let key = |layer| steps.iter().find(|s| s.name.starts_with(layer)).map(|s| s.output.as_str());
/// assert_eq!(key("folded"), Some("tin zaouatene"));
/// assert_eq!(key("skeleton"), Some("tnztn"));
/// ```
pub fn trace(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut step = |name, output: &str| {
        steps.push(Step {
            name,
            output: output.to_string(),
        });
    };
    step("exact: NFC, trimmed", &exact(text));
    let compatible = fold::compatible(text);
    step("apostrophes unified, NFKC", &compatible);
    let case_folded = fold::case_fold(&compatible);
    step("case folded", &case_folded);
    let stripped = fold::strip_marks(&case_folded);
    step("diacritics removed, dashes and dots as spaces", &stripped);
    let basic = fold::collapse_spaces(&stripped);
    step("spaces collapsed", &basic);
    let folded = fold::join_particles(&basic);
    step("folded: articles and initials glued", &folded);
    step(
        "latin: transliterated to ASCII, apostrophes in words dropped",
        &latin(&folded),
    );
    step("stem: words reduced to their stems", &stem(&folded));
    step(
        "skeleton: consonants of the sounds",
        &skeleton::skeleton_of_basic(&basic),
    );
    steps
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
