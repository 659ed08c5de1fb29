//! The language a text is written in, told by its words (whatlang's trigram model): the
//! tagger reads some languages' rules, such as the case endings of names, only in texts of
//! those languages, where they cannot be mistaken for another language's words.

/// How much of a text is read to tell its language: a news passage's first paragraph says
/// it, and a long document costs no more than a short one.
const SAMPLE_BYTES: usize = 2_000;

use std::cell::OnceCell;
use std::sync::OnceLock;

/// The language of a text, told the first time a rule asks: most texts never need it.
pub(crate) struct TextLanguage<'t> {
    text: &'t str,
    told: OnceCell<Option<&'static str>>,
}

impl<'t> TextLanguage<'t> {
    pub(crate) fn of(text: &'t str) -> TextLanguage<'t> {
        TextLanguage {
            text,
            told: OnceCell::new(),
        }
    }

    /// The text's language as an ISO 639-1 code, when the model tells it.
    pub(crate) fn code(&self) -> Option<&'static str> {
        *self.told.get_or_init(|| of_text(self.text))
    }

    /// Whether the text is in a language of which `rule` holds.
    pub(crate) fn is(&self, rule: fn(&str) -> bool) -> bool {
        self.code().is_some_and(rule)
    }
}

/// The language of `text` as an ISO 639-1 code, when the model tells it. When the model is
/// not sure, as on a line or two, the language whose commonest words the text has most of
/// says it, if one has clearly more (see [`COMMON_WORDS`]).
pub(crate) fn of_text(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    let told = DETECTOR
        .get_or_init(|| whatlang::Detector::with_denylist(NOT_NEWS_LANGUAGES.to_vec()))
        .detect(sample)?;
    if told.is_reliable() {
        return Some(iso_639_1(told.lang()));
    }
    Some(by_common_words(sample).unwrap_or(iso_639_1(told.lang())))
}

/// The commonest words (articles, prepositions, conjunctions, auxiliaries) of the languages
/// in Latin letters that write most news of the Sahel, and of Polish, which shares some with
/// Portuguese: on a line or two, where trigrams mislead
/// the model (`The Niger Delta is in Nigeria, not in Niger.` was Catalan to it, `Die Sahelzone
/// leidet unter Dürre.` French), they tell the language. A word of two languages counts for
/// both.
const COMMON_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "is", "was", "were", "are", "has", "have", "had",
            "said", "that", "with", "from", "by", "not", "after", "this", "its", "their", "on",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "au", "aux", "est", "et", "une", "dans", "été", "sont",
            "ont", "qui", "pour", "avec", "sur", "pas", "selon", "ce", "cette", "leur",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "es", "una", "que", "con", "por", "para", "fue", "se",
            "al", "según", "su", "sus", "han", "está",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "as", "do", "da", "dos", "das", "é", "um", "uma", "em", "no", "na", "que",
            "com", "foi", "pelo", "pela", "seu", "são", "não",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "gli", "della", "delle", "del", "è", "una", "che", "con", "per", "nel",
            "nella", "sono", "di", "ha", "non", "dei", "alla",
        ],
    ),
    (
        "pl",
        &[
            "w", "i", "z", "na", "do", "się", "nie", "jest", "że", "od", "po", "przez", "oraz",
            "roku", "we", "ze",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "und", "ist", "ein", "eine", "nicht", "mit", "von",
            "im", "zu", "auf", "unter", "wurde", "sich", "des", "bei", "nach",
        ],
    ),
];

/// The language of [`COMMON_WORDS`] that has at least two more of its words in `text` than
/// any other, if one has.
fn by_common_words(text: &str) -> Option<&'static str> {
    const LEAD: usize = 2;
    let mut counts = [0usize; COMMON_WORDS.len()];
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let word = word.to_lowercase();
        for (count, (_, words)) in counts.iter_mut().zip(COMMON_WORDS) {
            *count += usize::from(words.contains(&word.as_str()));
        }
    }
    let (best, &most) = counts.iter().enumerate().max_by_key(|&(_, count)| count)?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|&(other, _)| other != best)
        .map(|(_, &count)| count)
        .max()
        .unwrap_or(0);
    (most >= second + LEAD).then_some(COMMON_WORDS[best].0)
}

/// Languages of the model that are never told: they write little or no news of the Sahel,
/// and a short passage in English or a Romance language has their trigrams often enough to
/// be taken for them (`A Russian convoy reached a Malian base.` was Welsh, `He met a
/// Nigerian delegation...` Afrikaans), which would keep the English rules from it.
const NOT_NEWS_LANGUAGES: &[whatlang::Lang] = {
    use whatlang::Lang::*;
    &[Afr, Cym, Lat, Epo, Tgl, Zul, Sna, Aka, Jav]
};

/// The two-letter code of a language of the model (its three-letter code where there is no
/// two-letter one).
fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of the news in languages that decline names and in some that do not.
    #[test]
    fn the_languages_of_news_sentences() {
        for (text, lang) in [
            ("Sotilasjuntta kaappasi vallan Burkina Fasossa viime vuonna, ja maan armeija taistelee nyt jihadisteja vastaan.", "fi"),
            ("Wojsko przejęło władzę w Nigrze, a nowy rząd zerwał współpracę z Francją i zbliżył się do Rosji.", "pl"),
            ("Le chef de la junte a reçu mardi à Niamey une délégation de la Cédéao venue discuter de la transition.", "fr"),
            ("The junta leader met a delegation from the regional bloc in the capital on Tuesday to discuss the transition.", "en"),
        ] {
            assert_eq!(of_text(text), Some(lang), "{text}");
        }
    }

    /// A line or two, where the model is not sure, is told by its commonest words.
    #[test]
    fn short_lines_are_told_by_their_commonest_words() {
        for (text, lang) in [
            ("The Niger Delta is in Nigeria, not in Niger.", "en"),
            (
                "The Niger Delta is in Nigeria, not in Niger. Niger's president spoke.",
                "en",
            ),
            ("Die Sahelzone leidet unter Dürre.", "de"),
            ("Les habitants du centre nord du Burkina ont fui.", "fr"),
            ("Le fleuve Niger a débordé à Mopti.", "fr"),
            (
                "Soldiers were deployed in Diffa after the attack on Diffa town.",
                "en",
            ),
            ("El ejército de Malí y los mercenarios rusos", "es"),
            ("O exército do Mali e os mercenários russos", "pt"),
            ("Atak na bazę w Nigrze, do którego doszło w nocy", "pl"),
        ] {
            assert_eq!(of_text(text), Some(lang), "{text}");
        }
    }

    /// Short English and Romance lines are not told as a language that writes no news of the
    /// Sahel (whatlang alone says Welsh, Afrikaans, Latin).
    #[test]
    fn short_lines_are_not_told_as_languages_of_no_news() {
        for text in [
            "A Russian convoy reached a Malian base.",
            "He met a Nigerian delegation and a Malian minister in a Burkinabe town.",
            "Attacco a Menaka, uccisi soldati.",
            "In Mali, a massacre with a Russian footprint",
        ] {
            let told = of_text(text);
            assert!(
                !matches!(
                    told,
                    Some("cy" | "af" | "la" | "eo" | "tl" | "zu" | "sn" | "ak" | "jv")
                ),
                "{text}: {told:?}"
            );
        }
    }
}
