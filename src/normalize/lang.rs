//! The words and characters that the languages of the news treat specially, each listed once:
//! folding, the skeleton, the tagger and the suggestions all read them here. A new language's
//! articles, elisions or particles go here, and every layer sees them.

/// Apostrophes, their look-alikes, and the modifier letters used for them (and for ayin and
/// hamza) in transliteration: in a name they all mean the same thing.
pub(crate) fn is_apostrophe(c: char) -> bool {
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

/// Characters that join the words of one name and read as a space: hyphens and dashes, dots,
/// underscores, the middle dot (Tin-Zaouatène, A.Q.M.I., Gourma_Rharous).
pub(crate) fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '.' | '_' | '\u{00B7}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// The Arabic article as transliterated, written apart, joined by a hyphen or glued
/// (`al Qaida`, `al-Qaida`, `Alqaida`): folding glues it to the word it governs.
pub(crate) fn is_arabic_article(word: &str) -> bool {
    matches!(word, "al" | "el" | "ul")
}

/// "And the" in transliterated Arabic (`wal-Muslimin`), glued like the article.
pub(crate) fn is_arabic_and_the(word: &str) -> bool {
    matches!(word, "wal" | "wel")
}

/// "And" in transliterated Arabic: before an article it makes "and the" (`wa al-Muslimin`).
pub(crate) const ARABIC_AND: &str = "wa";

/// The Arabic article and "and the" as prefixes of a word in Arabic script.
pub(crate) const ARABIC_SCRIPT_ARTICLE: &str = "ال";
pub(crate) const ARABIC_SCRIPT_AND_THE: &str = "وال";

/// The English article, dropped anywhere in a name (`Islamic State in the Greater Sahara`).
pub(crate) const ENGLISH_THE: &str = "the";

/// French articles, dropped at the start of a name (`la France`); `l'` is elided.
const FRENCH_ARTICLES: [&str; 3] = ["le", "la", "les"];

/// Whether a folded word is a French article.
pub(crate) fn is_french_article(word: &str) -> bool {
    FRENCH_ARTICLES.contains(&word)
}

/// The elided French article before an apostrophe, folded (`l'Azawad`).
pub(crate) const FRENCH_ELIDED_ARTICLE: &str = "l'";

/// Whether a word of a text can never start a name: an article (`la France` is `France`).
pub(crate) fn is_leading_article(word: &str) -> bool {
    // Every word of a text is asked: the articles are ASCII of two or three letters, which
    // rules out most words at once.
    word.len() <= 3
        && (word.eq_ignore_ascii_case(ENGLISH_THE)
            || FRENCH_ARTICLES.iter().any(|a| word.eq_ignore_ascii_case(a)))
}

/// Whether folding drops or glues this folded word to its neighbour: the Arabic article and
/// particles, and English `the`.
pub(crate) fn is_glued_word(folded: &str) -> bool {
    is_arabic_article(folded)
        || is_arabic_and_the(folded)
        || folded == ARABIC_AND
        || folded == ENGLISH_THE
}

/// French words elided before an apostrophe and split off the word that follows (`l'EIGS`,
/// `d’AQMI`, `jusqu'à`), in lowercase.
pub(crate) fn is_elision(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "l" | "d"
            | "qu"
            | "jusqu"
            | "lorsqu"
            | "puisqu"
            | "quoiqu"
            | "s"
            | "n"
            | "j"
            | "m"
            | "t"
            | "c"
    )
}

/// The English possessive after an apostrophe (`Mali's`).
pub(crate) const POSSESSIVE_S: &str = "s";

/// Words that are not initials of an acronym's expansion: French and English articles,
/// prepositions and conjunctions (`Groupe de soutien à l'islam` is not `GDSAL`).
pub(crate) fn is_function_word(folded: &str) -> bool {
    is_french_article(folded)
        || folded == ENGLISH_THE
        || matches!(
            folded,
            "de" | "du"
                | "des"
                | "l"
                | "d"
                | "pour"
                | "et"
                | "au"
                | "aux"
                | "a"
                | "en"
                | "of"
                | "for"
                | "and"
                | "in"
                | "on"
        )
}
