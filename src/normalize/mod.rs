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

mod fold;
pub(crate) mod lang;
mod skeleton;

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The version of the normalization rules. It is stored in every index and checked when the
/// index is opened: keys made by other rules would silently miss, so such an index is refused.
/// Bump it whenever any layer's output changes for any input.
pub const NORMALIZER_VERSION: u32 = 3;

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
    /// The folded key transliterated to ASCII, so scripts meet (Лавров ~ Lavrov).
    Latin,
    /// A consonant skeleton on which transliteration variants meet (Tinzaouatène ~
    /// Tinzawaten ~ تين زواتين).
    Skeleton,
    /// Within a small edit distance of a latin key.
    Fuzzy,
}

impl Layer {
    /// Every layer, strict to loose.
    pub const ALL: [Layer; 5] = [
        Layer::Exact,
        Layer::Folded,
        Layer::Latin,
        Layer::Skeleton,
        Layer::Fuzzy,
    ];

    /// The layers that have keys of their own. (The index stores the folded, latin and
    /// skeleton keys; exact matches are found among the folded ones.)
    pub const KEYED: [Layer; 4] = [Layer::Exact, Layer::Folded, Layer::Latin, Layer::Skeleton];

    /// The layer's name as printed and as written in JSON (`exact`, `folded`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Layer::Exact => "exact",
            Layer::Folded => "folded",
            Layer::Latin => "latin",
            Layer::Skeleton => "skeleton",
            Layer::Fuzzy => "fuzzy",
        }
    }

    /// The layer's key for `text`. The fuzzy layer searches around the latin key, so that is
    /// its key.
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
            Layer::Skeleton => skeleton(text),
        }
    }

    /// How much a match on this layer is worth: the score of a perfect match here.
    pub(crate) fn weight(self) -> f64 {
        match self {
            Layer::Exact => 1.0,
            Layer::Folded => 0.95,
            Layer::Latin => 0.9,
            Layer::Skeleton => 0.75,
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
    fold::basic_latin(text).unwrap_or_else(|| fold::basic_general(text))
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
    /// The skeleton key.
    pub skeleton: String,
}

impl Keys {
    /// The key on `layer` (the latin key for the fuzzy layer).
    pub fn get(&self, layer: Layer) -> &str {
        match layer {
            Layer::Exact => &self.exact,
            Layer::Folded => &self.folded,
            Layer::Latin | Layer::Fuzzy => &self.latin,
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
    keys_up_to(text, Layer::Skeleton)
}

/// The keys the index stores `text` under: folded, latin and skeleton.
pub(crate) fn stored_keys(text: &str) -> [String; 3] {
    let basic = basic(text);
    let skeleton = skeleton::skeleton_of_basic(&basic);
    let folded = glued(basic);
    let latin = latin(&folded);
    [folded, latin, skeleton]
}

/// The keys of `text` on the layers down to `deepest`; the skeleton, the costliest, is left
/// empty when `deepest` is stricter.
pub(crate) fn keys_up_to(text: &str, deepest: Layer) -> Keys {
    let basic = basic(text);
    let skeleton = match deepest >= Layer::Skeleton {
        true => skeleton::skeleton_of_basic(&basic),
        false => String::new(),
    };
    let folded = glued(basic);
    Keys {
        exact: exact(text),
        latin: latin(&folded),
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
    step("latin: transliterated to ASCII", &latin(&folded));
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
