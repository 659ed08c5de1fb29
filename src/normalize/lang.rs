//! The words and characters that the languages of the news treat specially, each listed once:
//! folding, the skeleton, the tagger and the suggestions all read them here. A new language's
//! articles, elisions or particles go here, and every layer sees them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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

/// The quotation marks that the press puts around a name (`منطقة "ديفا"`, `la région de «
/// Diffa »`, `группы «Вагнер»`), which keep it next to the word before it.
pub(crate) fn is_quotation_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// Characters that join the words of one name and read as a space: hyphens and dashes, dots,
/// underscores, the middle dots with which Chinese and Japanese write foreign names apart and
/// the bullets that stand in for them (Tin-Zaouatène, A.Q.M.I., Gourma_Rharous, `阿西米·戈伊塔`,
/// `アシミ・ゴイタ`, `阿卜杜拉耶•迈加`).
pub(crate) fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '.' | '_' | '\u{00B7}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2022}'
                | '\u{2027}'
                | '\u{2212}'
                | '\u{30FB}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{FF65}'
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

/// The first words of the Arabic compound names, "servant of" and "father of", folded: the
/// press writes them apart from the word they govern or joined to it (`عبد الرحمن`,
/// `عبدالرحمن`; `أبو بكر`, `أبوبكر`), and folding joins them.
pub(crate) const ARABIC_SCRIPT_COMPOUND_STARTS: [&str; 2] = ["عبد", "ابو"];

/// "And" in Arabic script, a letter written joined to its word: written apart
/// (`جماعة نصرة الإسلام و المسلمين`), folding glues it back.
pub(crate) const ARABIC_SCRIPT_AND: &str = "و";
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
        || folded == ARABIC_SCRIPT_AND
        || ARABIC_SCRIPT_COMPOUND_STARTS.contains(&folded)
        || folded == ENGLISH_THE
}

/// Words elided before an apostrophe and split off the word that follows: French (`l'EIGS`,
/// `d’AQMI`, `jusqu'à`) and the Italian articles and prepositions with an article
/// (`dell'Azawad`, `nell'Africa`, `all'ONU`), in lowercase.
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
            | "dell"
            | "dall"
            | "nell"
            | "sull"
            | "all"
            | "coll"
            | "quell"
            | "un"
    )
}

/// Whether `before` an apostrophe is the nasal prefix of a West African name rather than
/// an elided French `ne` or `me`: a capital `N` or `M` before a capital (`N'Djamena`,
/// `N'Tillit`, `Fada N'Gourma`, `M'Bera`), where the elided word comes before a verb in
/// lower case (`N'ayant`, `M'a dit`).
pub(crate) fn is_nasal_prefix(before: &str, after: &str) -> bool {
    matches!(before, "N" | "M") && after.chars().next().is_some_and(char::is_uppercase)
}

/// The English possessive after an apostrophe (`Mali's`).
pub(crate) const POSSESSIVE_S: &str = "s";

/// Articles, prepositions and conjunctions of the languages of the news, folded: they are
/// not initials of an acronym's expansion (`Groupe de soutien à l'islam` is not `GDSAL`),
/// may join a name's words in a phrase, and carry nothing of which name a phrase is (the
/// token layer weighs them nothing: `Conselho Nacional pela Salvaguarda da Pátria` is
/// `... para a Salvaguarda ...`). Words that are as often a name's own are left out: the
/// Arabic article in Latin letters (`el`, `al`), Hausa `da` and `na` (`Dan Na Ambassagou`).
const FUNCTION_WORDS: &[&str] = &[
    // French
    "le", "la", "les", "l", "d", "de", "du", "des", "pour", "et", "au", "aux", "a", "à", "en",
    "par", "sur", "dans", "avec", // English
    "the", "of", "for", "and", "in", "on", "at", "to", "by", "with",
    // Spanish, Portuguese, Italian
    "los", "las", "del", "y", "para", "por", "con", "os", "as", "do", "da", "dos", "das", "pela",
    "pelo", "pelos", "pelas", "no", "nos", "nas", "em", "com", "e", "il", "lo", "gli", "di",
    "dello", "della", "dei", "degli", "delle", "dell", "per", "nel", "nella", "nei", "negli",
    "alla", "ai", "agli", "alle", "sul", "sulla", "tra", "fra", // German, Dutch
    "der", "die", "das", "dem", "den", "und", "für", "von", "vom", "zur", "zum", "im", "am", "het",
    "van", "voor", "op", // Polish, Czech, Slovak, Serbo-Croatian, Slovene
    "i", "w", "we", "z", "ze", "dla", "oraz", "rzecz", "pro", "za", "u", "od", "v",
    // Russian, Ukrainian
    "и", "в", "во", "по", "для", "с", "со", "от", "об", "о", "при", "к", "і", "та", "у",
    // Turkish, Indonesian
    "ve", "için", "ile", "untuk", "dari", "ke", // Arabic, Persian
    "في", "من", "على", "إلى", "الى", "عن", "و", "إن", "أن", "ان", "برای", "از", "در", "به",
];

/// Whether a word, folded or in the token layer's form (see `normalize::token_key`), is one
/// of [`FUNCTION_WORDS`].
pub(crate) fn is_function_word(word: &str) -> bool {
    static FUNCTION: OnceLock<HashSet<String>> = OnceLock::new();
    FUNCTION
        .get_or_init(|| {
            let written = FUNCTION_WORDS.iter().map(|w| w.to_string());
            let keyed = FUNCTION_WORDS
                .iter()
                .flat_map(|w| super::tokens(&super::token_key(w)));
            written.chain(keyed).collect()
        })
        .contains(word)
}

/// The conjunctions of the languages of the news, folded: two noun phrases joined by one are
/// one name only when the name has one too (`Wagner et le groupe` is no `Wagner Group`;
/// `Forces de défense et de sécurité` is a name).
const CONJUNCTIONS: &[&str] = &[
    "et", "ou", "and", "or", "y", "e", "und", "oder", "i", "oraz", "и", "или", "і", "та", "ve",
    "veya", "و",
];

/// Whether a folded word is one of [`CONJUNCTIONS`].
pub(crate) fn is_conjunction(folded: &str) -> bool {
    CONJUNCTIONS.contains(&folded)
}

/// Whether a word carries an Arabic mark of nunation (tanween): foreign proper names never
/// take one, so such a word (`ماليًا`, "financially") is not a name.
pub(crate) fn has_tanween(word: &str) -> bool {
    word.chars().any(|c| ('\u{64B}'..='\u{64D}').contains(&c))
}

/// Whether a span is one Arabic-script word whose latin key has three letters or fewer. The
/// latin key of an Arabic word drops its long vowels and merges its emphatic consonants with
/// the plain ones, so such a word meets common words there (`ولام`, Ouallam, and `ولم`, "and
/// did not"; `سيبا`, Sebba, and `أصيب`, "was injured"; `تيرا`, Téra, and `طيار`, "pilot"): it
/// is matched only as written, folded.
pub(crate) fn is_short_arabic_word(span: &str) -> bool {
    const MOST_LATIN_LETTERS: usize = 3;
    let mut letters = 0;
    for c in span.chars() {
        // The short vowels and other marks (`أُصيب`) and the tatweel are no letters.
        if is_arabic_mark(c) {
            continue;
        }
        if !is_arabic_letter(c) {
            return false;
        }
        letters += 1;
    }
    // Only long vowels drop out of the key: a word of many letters keeps more than three.
    letters <= 2 * MOST_LATIN_LETTERS
        && super::latin(&super::folded(span))
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .count()
            <= MOST_LATIN_LETTERS
}

/// Whether a word is written in Arabic letters only, with their marks (`الصّين`).
pub(crate) fn is_arabic_word(word: &str) -> bool {
    word.chars().any(is_arabic_letter)
        && word
            .chars()
            .all(|c| is_arabic_letter(c) || is_arabic_mark(c))
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{621}'..='\u{64A}').contains(&c) || ('\u{671}'..='\u{6D3}').contains(&c)
}

/// Whether a character is an Arabic mark written over or under a letter (the short vowels,
/// tanween, shadda, sukun, the dagger alef) or the tatweel that stretches a word.
fn is_arabic_mark(c: char) -> bool {
    ('\u{64B}'..='\u{65F}').contains(&c) || c == '\u{670}' || c == '\u{640}'
}

/// Whether some word of `text` may have a stemmer (see [`east_slavic_stem`]): a cheap test before
/// any folding.
pub(crate) fn may_have_stems(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(is_cyrillic)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The case endings of Russian and Ukrainian nouns, a declension a list: a name and a form
/// of it share a declension (`Кидаль`, `Кидале`; `Нигерия`, `Нигерии`; `Нігер`, `Нігері`),
/// which two nouns that only share a stem do not (`Нигер` takes `Нигера`, never `Нигерии`).
const EAST_SLAVIC_DECLENSIONS: &[&[&str]] = &[
    // hard consonant: Нигер, Вагнер
    &["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"],
    // soft sign: Кидаль
    &["ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях"],
    // й: Ниамей
    &["й", "я", "ю", "ем", "е", "и", "ев"],
    // а: Гоита
    &["а", "ы", "и", "е", "у", "ой", "ою"],
    // я: Менака's soft twin
    &["я", "и", "е", "ю", "ей", "ею"],
    // ия: Нигерия
    &["ия", "ии", "ию", "ией"],
    // о, е: neuter
    &["о", "а", "у", "ом", "е"],
    // Ukrainian: hard consonant (Нігер, Нігері), soft sign (Кідаль), й, а (Руамба, Руамбі),
    // я, ія (Олівія, Олівії), neuter
    &[
        "", "а", "у", "ові", "ом", "і", "е", "и", "ів", "ам", "ами", "ах",
    ],
    &["ь", "я", "ю", "еві", "ем", "і", "ів", "ям", "ями", "ях"],
    &["й", "я", "ю", "єві", "єм", "ї", "їв"],
    &["а", "и", "і", "у", "ою", "о"],
    &["я", "і", "ю", "ею", "є"],
    &["ія", "ії", "ію", "ією"],
    &["о", "а", "у", "ом", "і"],
];

/// The case endings of Russian adjectives, which agree with the noun of a multi-word name
/// (`Африканский корпус`, `Африканского корпуса`; `Национальная гвардия`, `Национальной
/// гвардии`), a gender or the plural a list, hard and soft.
const EAST_SLAVIC_ADJECTIVE_DECLENSIONS: &[&[&str]] = &[
    // masculine,
    &[
        "ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
    ],
    // feminine,
    &["ая", "яя", "ой", "ей", "ую", "юю", "ою", "ею"],
    // neuter,
    &[
        "ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
    ],
    // and plural.
    &["ые", "ие", "ых", "их", "ым", "им", "ыми", "ими"],
];

/// Whether a folded Russian or Ukrainian word may be a case form of a name's folded word: equal, or
/// their endings after the letters they share are of one declension of a noun, or of an
/// adjective. Two endings of an adjective may begin alike (`вооруженн-ые`, `вооруженн-ых`),
/// so its stem may stop a letter or two before the last letter the words share.
pub(crate) fn east_slavic_forms_agree(name: &str, form: &str) -> bool {
    const LONGEST_SHARED_START: usize = 2;
    if name == form {
        return true;
    }
    let shared: Vec<usize> = name
        .char_indices()
        .zip(form.chars())
        .take_while(|((_, a), b)| a == b)
        .map(|((at, a), _)| at + a.len_utf8())
        .collect();
    let of_one = |declensions: &[&[&str]], stem: usize| {
        let (name_end, form_end) = (&name[stem..], &form[stem..]);
        declensions
            .iter()
            .any(|endings| endings.contains(&name_end) && endings.contains(&form_end))
    };
    let mut stems = std::iter::once(0).chain(shared).rev();
    let longest = stems.clone().next().unwrap_or(0);
    of_one(EAST_SLAVIC_DECLENSIONS, longest)
        || has_russian_adjective_ending(name)
            && stems
                .by_ref()
                .take(LONGEST_SHARED_START + 1)
                .any(|stem| of_one(EAST_SLAVIC_ADJECTIVE_DECLENSIONS, stem))
}

/// Case endings of proper names in the languages that inflect them and that no stemmer here
/// covers, as latin keys write them, with the languages (ISO 639-1) that write them. The
/// endings of demonyms and adjectives (`-an`, `-en`, `-ien`, `-ese`, `-ano`, `-er`, and the
/// `-be` of `Burkinabè`) are left out: `Malien` is not Mali.
const CASE_ENDINGS: &[(&[&str], &[&str])] = &[
    (
        // Polish, Czech, Slovak, Slovene, Croatian, Serbian, Bosnian
        &["pl", "cs", "sk", "sl", "hr", "sr", "bs"],
        &[
            // nouns (not `ii`: `Nigerii` is Nigeria's genitive, `nigeri` + `a`, not Niger's)
            "a", "u", "e", "y", "i", "o", "em", "om", "ie", "ow", "ach", "ami", "owi", "ou", "ovi",
            "ima", "oj", "ju", "go", "mu",
            // Serbian, Croatian, Bosnian and Slovene put a `j` between a name's last vowel
            // and its ending (`Henri` -> `Henrija`, `Kaboré` -> `Kaboréja`)
            "ja", "je", "ji", "jo", "jem", "jom",
            // adjectives of a multi-word name (`Afrykańskiego Korpusu`, `Oružanih snaga`)
            "ego", "emu", "ym", "ej", "ych", "ich", "ih", "im",
        ],
    ),
    (
        // Finnish and Estonian, after a vowel and after the `i` that joins an ending to a
        // consonant (`Nigerissä`, `Nigerile`)
        &["fi", "et"],
        &[
            "n", "ssa", "sta", "lla", "lta", "lle", "ksi", "na", "ta", "sse", "st", "l", "lt",
            "le", "ga", "ks", "in", "issa", "ista", "illa", "ilta", "ille", "iksi", "ile", "ilt",
            "ist", "iga", "iks", "s", "is",
            // the Finnish illative after a consonant (`Nigeriin`, `Kidaliin`), and the vowel
            // of an Estonian genitive after a consonant (`Nigeri`)
            "iin", "i", "a", "e", "u",
        ],
    ),
    (
        &["hu"],
        &[
            "ban", "ben", "bol", "rol", "ra", "re", "nak", "nek", "hoz", "tol", "val", "vel",
        ],
    ),
    (
        &["lt", "lv"],
        &["a", "u", "e", "i", "o", "ui", "as", "is", "os", "s"],
    ),
    (&["ro"], &["ul", "ului", "lui", "ui"]),
    // Greek, in latin keys (`Νίγηρα`, `nigera`, is a genitive of Niger)
    (&["el"], &["a", "s", "as", "es", "os", "ou", "i", "on"]),
    // German: the genitive of proper names, and the weak ending of an adjective within a
    // name (`den Vereinigten Staaten`, `der Afrikanischen Union`; see `without_case_endings`)
    (&["de"], &["s", "n"]),
];

/// Whether texts in a language (ISO 639-1) decline names with case endings: in their texts
/// the tagger reads a name that finds nothing as written word by word without its endings
/// (`Burkina Fasossa`). In other languages those endings would be words' own letters
/// (English `Nigerian` is no case of `Nigeria`).
pub(crate) fn declines_names(lang: &str) -> bool {
    CASE_ENDINGS.iter().any(|(langs, _)| langs.contains(&lang))
}

/// The languages (ISO 639-1) that write every noun with a capital (German, Luxembourgish):
/// in their texts a capital does not say that a word is a name, and the tagger does not look
/// for names a capitalized word only sounds like (`Beratung` is not `Oubritenga`).
const NOUN_CAPITALIZING_LANGUAGES: &[&str] = &["de", "lb"];

/// Whether texts in a language (ISO 639-1) write every noun with a capital.
pub(crate) fn capitalizes_nouns(lang: &str) -> bool {
    NOUN_CAPITALIZING_LANGUAGES.contains(&lang)
}

/// The definite article that a river's name always follows in a language (ISO 639-1), where
/// a country's or a town's name need not: English writes `on the Niger`, `the Niger's
/// banks`, but `in Niger`, `Niger's government`. (French writes `le Niger` for the country
/// too.)
const RIVER_ARTICLES: &[(&str, &str)] = &[("en", ENGLISH_THE)];

/// The definite article that a river's name always follows in texts of a language, if any.
pub(crate) fn river_article(lang: &str) -> Option<&'static str> {
    RIVER_ARTICLES
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|&(_, article)| article)
}

/// The German genitive ending of proper names, written without an apostrophe (`Malis`,
/// `Burkina Fasos`, `Gaos`).
const GERMAN_GENITIVE: &str = "s";

/// The weak ending of a German adjective after its `e`, within a name (`Vereinigten`).
const GERMAN_ADJECTIVE: &str = "n";

/// The stems of a word of a latin key without each case ending it may have, shortest first,
/// each with how many letters a name's word may have after it: the ending may stand for the
/// last letters of the name (`Goity` is `Goit` + `a`, `Burkine` is `Burkin` + `a`): one
/// letter after a stem of four or five letters, two after a longer one; none after a
/// German ending (`Gaos` is `Gao`). A stem keeps at least four letters (three before a
/// German ending), so that short common words (`Bars`, `Bits`) do not become names. The
/// endings are those of language `lang`, or of every language that declines names.
pub(crate) fn without_case_endings(word: &str, lang: Option<&str>) -> Vec<(String, usize)> {
    let mut stems: Vec<(String, usize)> = Vec::new();
    let endings = CASE_ENDINGS
        .iter()
        .filter(|(langs, _)| lang.is_none_or(|lang| langs.contains(&lang)))
        .flat_map(|&(langs, endings)| endings.iter().map(move |&e| (langs == ["de"], e)));
    for (german, ending) in endings {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        // A German adjective's `n` follows its `e` (`Vereinigte` -> `Vereinigten`).
        if german && ending == GERMAN_ADJECTIVE && !stem.ends_with('e') {
            continue;
        }
        let letters = stem.chars().count();
        let (shortest, guesses) = match german || ending == GERMAN_GENITIVE {
            true => (3, 0),
            false => (4, if letters >= 6 { 2 } else { 1 }),
        };
        if letters < shortest {
            continue;
        }
        match stems.iter_mut().find(|(s, _)| s == stem) {
            Some((_, most)) => *most = (*most).max(guesses),
            None => stems.push((stem.to_string(), guesses)),
        }
    }
    stems.sort_by_key(|(s, _)| s.len());
    stems
}

/// The stem of a folded Cyrillic word (apostrophes within: `д'ивуаром`), read as Russian
/// or Ukrainian, the Cyrillic languages of the Sahel's press: the word without the longest
/// case ending of a noun or an adjective (the declensions above) and without the vowels that end what is left, keeping at least three letters;
/// `None` for a word of another script, which the stem layer keeps as it is. A name and
/// its case forms share this stem whatever their declension (`Сенегал`, `Сенегалом`;
/// `Ниамей`, `Ниамеем`; `Кидаль`, `Кидале`; `Нігер`, `Нігері`); two nouns that only share
/// it (`Нигер`, `Нигерии`) are told apart by [`east_slavic_forms_agree`]. Only case endings
/// are taken off, as names are nouns and adjectives: a general stemmer would also take a
/// verb's `-л` off `Сенегал` but not off `Сенегалом`.
pub(crate) fn east_slavic_stem(word: &str) -> Option<&str> {
    const SHORTEST: usize = 3;
    const VOWELS: &[char] = &['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є'];
    let russian = word.ends_with(is_cyrillic) && word.chars().all(|c| is_cyrillic(c) || c == '\'');
    if !russian {
        return None;
    }
    static ENDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let endings = ENDINGS.get_or_init(|| {
        let mut all: Vec<&str> = EAST_SLAVIC_DECLENSIONS
            .iter()
            .chain(EAST_SLAVIC_ADJECTIVE_DECLENSIONS)
            .flat_map(|endings| endings.iter().copied())
            .filter(|e| !e.is_empty())
            .collect();
        all.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
        all.dedup();
        all
    });
    let letters = |s: &str| s.chars().count();
    let mut stem = endings
        .iter()
        .filter_map(|e| word.strip_suffix(e))
        .find(|stem| letters(stem) >= SHORTEST)
        .unwrap_or(word);
    while letters(stem) > SHORTEST {
        match stem.strip_suffix(VOWELS) {
            Some(shorter) => stem = shorter,
            None => break,
        }
    }
    Some(stem)
}

/// The words that say what kind of thing a name names, in the languages of the news: a
/// name without them is still its name (`Вагнера` for `Группа Вагнера`, `Kidal` for
/// `région de Kidal`), and annotators leave them out of a mention (`gruppo Wagner` is a
/// mention `Wagner`), while a name's other words are its own. These are the words of groups
/// and companies; [`PLACE_KIND_WORDS`] has those of places.
const GROUP_KIND_WORDS: &[&str] = &[
    "groupe",
    "group",
    "grupo",
    "gruppo",
    "gruppe",
    "grup",
    "grubu",
    "группа",
    "група",
    "مجموعة",
    "katiba",
    "كتيبة",
    "brigade",
    "société",
    "company",
    "pmc",
    "чвк",
    "пвк",
    "organisation",
    "organization",
    "تنظيم",
];

/// The kind words of places (see [`GROUP_KIND_WORDS`]), by the kind of place they say, in
/// the lexicon's categories: next to a name, they choose between a town and its region
/// (`na região de Tillabéri`, `في منطقة تمبكتو`).
#[rustfmt::skip]
const PLACE_KIND_WORDS: &[(&str, &[&str])] = &[
    ("region", &["région", "region", "región", "regione", "região", "bölgesi", "регион",
        "область", "منطقة"]),
    ("province", &["province", "provincia", "província", "provinz", "провинция", "إقليم",
        "مقاطعة"]),
    ("wilaya", &["ولاية", "wilaya"]),
    ("cercle", &["cercle"]),
    ("commune", &["commune"]),
    ("department", &["département", "department", "departamento"]),
    ("district", &["district"]),
    ("town", &["ville", "town", "city", "ciudad", "città", "cidade", "stadt", "kenti", "город",
        "مدينة"]),
    ("lake", &["lac", "lake", "lago", "see", "gölü", "озеро", "بحيرة"]),
    ("river", &["fleuve", "river", "rio", "río", "fiume", "fluss", "nehri", "река", "نهر"]),
];

/// Whether a kind of place (see [`place_kind`]) is an administrative division.
pub(crate) fn is_division(kind: &str) -> bool {
    matches!(
        kind,
        "region" | "province" | "wilaya" | "cercle" | "commune" | "department" | "district"
    )
}

/// Whether a place of lexicon category `category` is of the kind that kind word `kind`
/// says (see [`place_kind`]): a town's word also names a village or a commune, and a
/// commune's a town; a region's word also names a wider area (`la région du Sahel`). The
/// press abroad names the divisions of Mali and Niger by its own words: a region is a
/// province or a wilaya (`провинция Тиллабери`, `مقاطعة تاهوا`, `ولاية تاهوا`), a department
/// or a cercle a district (`the district of Téra`, `Bankass district`).
pub(crate) fn kind_fits(kind: &str, category: &str) -> bool {
    match kind {
        "town" | "commune" => matches!(category, "town" | "village" | "commune"),
        "region" => matches!(category, "region" | "area"),
        "province" | "wilaya" => matches!(category, "province" | "wilaya" | "region"),
        "district" => matches!(category, "district" | "department" | "cercle"),
        _ => kind == category,
    }
}

/// Prepositions that put the next word in a place, folded: French, English, Spanish,
/// Italian, Portuguese, German, Russian and Arabic (`à`, `near`, `в`, `في`). Those that as
/// often put the next word in a time or a person's mouth (`de`, `of`, `selon`) are left out.
const PLACE_PREPOSITIONS: &[&str] = &[
    "a",
    "au",
    "aux",
    "vers",
    "pres",
    "dans",
    "in",
    "at",
    "to",
    "near",
    "from",
    "into",
    "en",
    "desde",
    "hacia",
    "cerca",
    "verso",
    "presso",
    "em",
    "no",
    "na",
    "perto",
    "bei",
    "nach",
    "nahe",
    "в",
    "во",
    "из",
    "под",
    "около",
    "возле",
    "у",
    "في",
    "من",
    "الى",
    "إلى",
    "قرب",
];

/// The place prepositions that are one only in some languages, with those languages:
/// `a` (French `à` folded, Spanish, Italian, Portuguese `a`) is an article in English, and
/// Portuguese `no` is English `no`.
const PREPOSITIONS_ONLY_IN: &[(&str, &[&str])] = &[
    ("a", &["fr", "es", "it", "pt", "ca", "ro"]),
    ("no", &["pt", "gl"]),
];

/// Whether a folded word puts the next word in a place (see [`PLACE_PREPOSITIONS`]) in a
/// text of `language` (ISO 639-1, when told: see [`PREPOSITIONS_ONLY_IN`]).
pub(crate) fn is_place_preposition(
    folded: &str,
    language: impl FnOnce() -> Option<&'static str>,
) -> bool {
    if !is_any_place_preposition(folded) {
        return false;
    }
    match PREPOSITIONS_ONLY_IN
        .iter()
        .find(|(word, _)| *word == folded)
    {
        Some((_, languages)) => language().is_none_or(|l| languages.contains(&l)),
        None => true,
    }
}

fn is_any_place_preposition(folded: &str) -> bool {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    FOLDED
        .get_or_init(|| {
            PLACE_PREPOSITIONS
                .iter()
                .map(|p| super::folded(p))
                .collect()
        })
        .iter()
        .any(|p| p == folded)
}

/// The nouns that describe one organization of a country (`l'armée malienne`, `the Burkinabe
/// army`, `die nigrische Junta`, `الجيش المالي`, `армия Нигера`, `Niger's junta`, and
/// alone, `la junte`, in a text about one country), each with the lexicon category of that
/// organization; folded, written as in the text, Russian ones in the nominative (their case
/// forms agree with them: see [`east_slavic_forms_agree`]), Arabic ones with the article.
const DESCRIPTION_NOUNS: &[(&str, &str)] = &[
    ("armée", "army"),
    ("armées", "army"),
    ("forces armées", "army"),
    ("armée nationale", "army"),
    ("forces gouvernementales", "army"),
    ("army", "army"),
    ("armed forces", "army"),
    ("national army", "army"),
    ("military", "army"),
    ("government forces", "army"),
    ("government troops", "army"),
    ("armee", "army"),
    ("streitkräfte", "army"),
    ("ejército", "army"),
    ("fuerzas armadas", "army"),
    ("esercito", "army"),
    ("forze armate", "army"),
    ("exército", "army"),
    ("forças armadas", "army"),
    ("forças governamentais", "army"),
    ("fuerzas gubernamentales", "army"),
    ("forze governative", "army"),
    ("regierungstruppen", "army"),
    ("ordu", "army"),
    ("ordusu", "army"),
    ("silahlı kuvvetleri", "army"),
    ("вооружённые силы", "army"),
    ("армия", "army"),
    ("вооруженные силы", "army"),
    ("правительственные войска", "army"),
    ("الجيش", "army"),
    ("القوات المسلحة", "army"),
    ("القوات الحكومية", "army"),
    ("junte", "junta"),
    ("junte militaire", "junta"),
    ("junte au pouvoir", "junta"),
    ("junta", "junta"),
    ("military junta", "junta"),
    ("ruling junta", "junta"),
    ("junta militar", "junta"),
    ("giunta", "junta"),
    ("giunta militare", "junta"),
    ("militärjunta", "junta"),
    ("хунта", "junta"),
    ("военная хунта", "junta"),
    ("правящая хунта", "junta"),
    ("المجلس العسكري", "junta"),
    ("المجلس العسكري الحاكم", "junta"),
    ("الطغمة العسكرية", "junta"),
    ("الطغمة العسكرية الحاكمة", "junta"),
    ("الطغمة الحاكمة", "junta"),
    ("cunta", "junta"),
    ("askeri cunta", "junta"),
    ("cuntası", "junta"),
    ("junta militare", "junta"),
    ("gouvernement", "government"),
    ("gouvernement de transition", "government"),
    ("gouvernement de la transition", "government"),
    ("autorités de transition", "government"),
    ("autorités de la transition", "government"),
    ("government", "government"),
    ("transitional government", "government"),
    ("military government", "government"),
    ("transitional authorities", "government"),
    ("gobierno", "government"),
    ("governo", "government"),
    ("regierung", "government"),
    ("правительство", "government"),
    ("переходные власти", "government"),
    ("الحكومة", "government"),
    ("الحكومة الانتقالية", "government"),
    ("السلطات الانتقالية", "government"),
    ("gobierno de transición", "government"),
    ("governo de transição", "government"),
    ("governo di transizione", "government"),
    ("übergangsregierung", "government"),
    ("militärregierung", "government"),
    ("hükümet", "government"),
    ("hükümeti", "government"),
    ("переходное правительство", "government"),
    ("военное правительство", "government"),
    ("garde présidentielle", "presidential-guard"),
    ("presidential guard", "presidential-guard"),
    ("presidential guards", "presidential-guard"),
    ("guarda presidencial", "presidential-guard"),
    ("guardia presidencial", "presidential-guard"),
    ("guardia presidenziale", "presidential-guard"),
    ("präsidentengarde", "presidential-guard"),
    ("президентская гвардия", "presidential-guard"),
    ("الحرس الرئاسي", "presidential-guard"),
    ("forces de défense et de sécurité", "security-forces"),
    ("forces de sécurité", "security-forces"),
    ("defence and security forces", "security-forces"),
    ("defense and security forces", "security-forces"),
    ("security forces", "security-forces"),
    ("fuerzas de seguridad", "security-forces"),
    ("forças de segurança", "security-forces"),
    ("forze di sicurezza", "security-forces"),
    ("sicherheitskräfte", "security-forces"),
    ("силы безопасности", "security-forces"),
    ("قوات الأمن", "security-forces"),
    ("güvenlik güçleri", "security-forces"),
    ("état-major général des armées", "general-staff"),
    ("general staff", "general-staff"),
    ("هيئة الأركان العامة", "general-staff"),
    ("état-major général", "general-staff"),
    ("estado mayor", "general-staff"),
    ("estado-maior", "general-staff"),
    ("stato maggiore", "general-staff"),
    ("generalstab", "general-staff"),
    ("генеральный штаб", "general-staff"),
    ("генштаб", "general-staff"),
    ("genelkurmay", "general-staff"),
    ("genelkurmay başkanlığı", "general-staff"),
    ("gendarmerie", "gendarmerie"),
    ("gendarmería", "gendarmerie"),
    ("жандармерия", "gendarmerie"),
    ("الدرك", "gendarmerie"),
    ("gendarmaria", "gendarmerie"),
    ("gendarmeria", "gendarmerie"),
    ("jandarma", "gendarmerie"),
    ("الدرك الوطني", "gendarmerie"),
    ("garde nationale", "national-guard"),
    ("national guard", "national-guard"),
    ("guardia nacional", "national-guard"),
    ("guarda nacional", "national-guard"),
    ("guardia nazionale", "national-guard"),
    ("nationalgarde", "national-guard"),
    ("الحرس الوطني", "national-guard"),
    ("национальная гвардия", "national-guard"),
    ("police", "police"),
    ("polizei", "police"),
    ("policía", "police"),
    ("polizia", "police"),
    ("polícia", "police"),
    ("полиция", "police"),
    ("الشرطة", "police"),
];

/// The adjectives of the Sahel's countries, as the news writes them (folded), with the
/// country's ISO code.
const COUNTRY_ADJECTIVES: &[(&str, &str)] = &[
    ("malien", "ML"),
    ("malienne", "ML"),
    ("maliens", "ML"),
    ("maliennes", "ML"),
    ("malian", "ML"),
    ("malische", "ML"),
    ("malischen", "ML"),
    ("malischer", "ML"),
    ("maliense", "ML"),
    ("malienses", "ML"),
    ("maliano", "ML"),
    ("maliana", "ML"),
    ("maliani", "ML"),
    ("malinês", "ML"),
    ("malinesa", "ML"),
    ("malisches", "ML"),
    ("малийский", "ML"),
    ("малийское", "ML"),
    ("малийская", "ML"),
    ("малийской", "ML"),
    ("малийскую", "ML"),
    ("малийские", "ML"),
    ("малийских", "ML"),
    ("المالي", "ML"),
    ("المالية", "ML"),
    ("burkinabè", "BF"),
    ("burkinabé", "BF"),
    ("burkinabe", "BF"),
    ("burkinais", "BF"),
    ("burkinaise", "BF"),
    ("burkinische", "BF"),
    ("burkinischen", "BF"),
    ("burkinés", "BF"),
    ("burkinesa", "BF"),
    ("burkinese", "BF"),
    ("burquinense", "BF"),
    ("burkinisches", "BF"),
    ("burkinischer", "BF"),
    ("буркинийский", "BF"),
    ("буркинийское", "BF"),
    ("буркинийская", "BF"),
    ("буркинийской", "BF"),
    ("البوركينية", "BF"),
    ("البوركيني", "BF"),
    ("nigérien", "NE"),
    ("nigérienne", "NE"),
    ("nigériens", "NE"),
    ("nigériennes", "NE"),
    ("nigerien", "NE"),
    ("nigerienne", "NE"),
    ("nigrische", "NE"),
    ("nigrischen", "NE"),
    ("nigerino", "NE"),
    ("nigerina", "NE"),
    ("nigerinos", "NE"),
    ("nigerini", "NE"),
    ("nigrisches", "NE"),
    ("nigrischer", "NE"),
    ("нигерский", "NE"),
    ("нигерское", "NE"),
    ("нигерская", "NE"),
    ("нигерской", "NE"),
    ("النيجري", "NE"),
    ("النيجرية", "NE"),
];

/// The category that a noun of [`DESCRIPTION_NOUNS`] describes, for folded words: the noun
/// itself, or for Russian a case form of it, word by word (`президентской гвардией`).
pub(crate) fn described_category(folded: &str) -> Option<&'static str> {
    static FOLDED: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    static RUSSIAN: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    if let Some(category) = look_up_folded(&FOLDED, DESCRIPTION_NOUNS, folded) {
        return Some(category);
    }
    if !folded.chars().any(is_cyrillic) {
        return None;
    }
    let russian = RUSSIAN.get_or_init(|| {
        DESCRIPTION_NOUNS
            .iter()
            .filter(|(noun, _)| noun.chars().any(is_cyrillic))
            .map(|(noun, category)| (super::folded(noun), *category))
            .collect()
    });
    russian.iter().find_map(|(noun, category)| {
        let (nouns, forms) = (noun.split(' '), folded.split(' '));
        (nouns.clone().count() == forms.clone().count()
            && nouns.zip(forms).all(|(n, f)| east_slavic_forms_agree(n, f)))
        .then_some(*category)
    })
}

/// How many words the longest noun of [`DESCRIPTION_NOUNS`] has.
pub(crate) fn description_noun_words() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        DESCRIPTION_NOUNS
            .iter()
            .map(|(noun, _)| super::folded(noun).split(' ').count())
            .max()
            .unwrap_or(1)
    })
}

/// The ISO code of the country a folded adjective is of (see [`COUNTRY_ADJECTIVES`]).
/// Russian adjectives are met in every case form (`малийских`, `нигерскую`).
pub(crate) fn adjective_country(folded: &str) -> Option<&'static str> {
    static FOLDED: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    if let Some(country) = look_up_folded(&FOLDED, COUNTRY_ADJECTIVES, folded) {
        return Some(country);
    }
    if !folded.starts_with(is_cyrillic) {
        return None;
    }
    COUNTRY_ADJECTIVES
        .iter()
        .filter(|(adjective, _)| adjective.starts_with(is_cyrillic))
        .find(|(adjective, _)| east_slavic_forms_agree(adjective, folded))
        .map(|&(_, country)| country)
}

/// The definite articles before a noun that describes one body (`el gobierno`, `die
/// Regierung`), besides French's and English `the` (`la junte`, `the junta`), folded; the
/// elided `l'` is told from the text before the word.
const DEFINITE_ARTICLES: &[&str] = &[
    "el", "los", "las", "o", "os", "il", "lo", "gli", "die", "der", "den", "dem", "das",
    // a preposition and the article in one word (`du gouvernement`, `do exército`, `das
    // forças armadas`, `nella giunta`)
    "du", "au", "aux", "del", "al", "do", "da", "dos", "das", "no", "na", "nos", "nas", "ao",
    "della", "dello", "nella", "nello", "alla", "allo", "dalla", "sulla", "im", "vom", "zum",
    "zur",
];

/// The elided articles, alone or joined to a preposition (`l'armée`, `dell'esercito`),
/// folded without their apostrophe.
const ELIDED_DEFINITE_ARTICLES: &[&str] = &["l", "dell", "all", "nell", "dall", "sull"];

/// Whether the text before a word ends with an elided definite article and its apostrophe
/// (see [`ELIDED_DEFINITE_ARTICLES`]).
pub(crate) fn ends_with_elided_article(before: &str) -> bool {
    word_before_apostrophe(before)
        .is_some_and(|(_, word)| ELIDED_DEFINITE_ARTICLES.contains(&word.to_lowercase().as_str()))
}

/// A text that ends with an apostrophe, as the text before the word the apostrophe ends and
/// that word (`de l'` is `de ` and `l`): an elided article or preposition, when it is one.
pub(crate) fn word_before_apostrophe(text: &str) -> Option<(&str, &str)> {
    let before = text.strip_suffix(is_apostrophe)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(at, _)| at);
    Some((&before[..start], &before[start..]))
}

/// Whether a folded word is a definite article: French's, English `the`, or one of
/// [`DEFINITE_ARTICLES`].
pub(crate) fn is_definite_article(folded: &str) -> bool {
    is_french_article(folded) || folded == ENGLISH_THE || DEFINITE_ARTICLES.contains(&folded)
}

/// The words that join a description's noun to the country it is of (`armée du Mali`, `army
/// of Niger`, `governo do Mali`, `الجيش في النيجر`), folded.
const COUNTRY_LINKS: &[&str] = &["de", "du", "d", "of", "do", "da", "di", "del", "von", "في"];

/// Whether a folded word joins a description's noun to a country (see [`COUNTRY_LINKS`]).
pub(crate) fn is_country_link(folded: &str) -> bool {
    COUNTRY_LINKS.contains(&folded)
}

/// Words that stand for the country a text is about (`l'armée du pays`, `the country's
/// junta`, `армия страны`, `جيش البلاد`), folded.
const THE_COUNTRY: &[&str] = &["pays", "country", "país", "paese", "страны", "البلاد"];

/// Whether a folded word stands for the country the text is about (see [`THE_COUNTRY`]).
pub(crate) fn is_the_country(folded: &str) -> bool {
    THE_COUNTRY.contains(&folded)
}

/// Endings of the adjectives of nationality in French, Spanish, Portuguese, Italian and
/// German, folded: after a noun (`l'armée française`, `el ejército español`), they say the
/// noun is of a country the tables of adjectives do not know, so not of the text's country.
const NATIONALITY_ENDINGS: &[&str] = &[
    "ais", "aise", "aises", "ain", "aine", "aines", "ains", "ien", "ienne", "iennes", "iens",
    "ois", "oise", "oises", "and", "ande", "andes", "ole", "oles", "ese", "esa", "esi", "ues",
    "nces", "ano", "ana", "ani", "ane", "ino", "ina", "ini", "ense", "ique", "iques", "ische",
    "ischen", "ischer", "russe", "russes", "belge", "suisse", "turque",
];

/// The endings that make a place's name the name of its people or their adjective in
/// English (`African`, `Malians`, `Nigerian`, `Burkinabe`), besides the Romance and German
/// ones of [`NATIONALITY_ENDINGS`] (`Malien`, `nigérienne`).
const ENGLISH_DEMONYM_ENDINGS: &[&str] = &["n", "ns", "an", "ans", "ian", "ians", "be", "bes"];

/// The words a folded word may be the demonym of: the word without each ending of a
/// people's name or adjective (`african` of `africa`, `malien` of `mali`), longest ending
/// first, leaving at least three letters.
pub(crate) fn demonym_stems(folded: &str) -> impl Iterator<Item = &str> {
    static ENDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let endings = ENDINGS.get_or_init(|| {
        let mut endings: Vec<&str> = ENGLISH_DEMONYM_ENDINGS
            .iter()
            .chain(NATIONALITY_ENDINGS)
            .copied()
            .collect();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        endings
    });
    endings
        .iter()
        .filter_map(move |e| folded.strip_suffix(e))
        .filter(|stem| stem.chars().count() >= 3)
}

/// Whether a folded word, written in lower case after a noun, may be an adjective of
/// nationality (see [`NATIONALITY_ENDINGS`]).
pub(crate) fn may_be_nationality(folded: &str) -> bool {
    folded.chars().count() > 4 && NATIONALITY_ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// Description nouns that are as often adjectives before another noun (`the military
/// said`, but `military chiefs`, `Malian military personnel`), folded.
const ADJECTIVAL_NOUNS: &[&str] = &["military"];

/// English words that may follow a noun that ends its phrase: prepositions, conjunctions,
/// pronouns and the commonest verbs of the news (`the military said`, `the military has`).
const ENGLISH_PHRASE_ENDS: &[&str] = &[
    "and", "or", "but", "in", "on", "at", "to", "of", "for", "from", "with", "by", "since",
    "after", "before", "who", "which", "that", "has", "have", "had", "is", "was", "were", "are",
    "said", "says", "will", "would", "could", "can", "may", "took", "seized", "did",
];

/// Whether a description's noun (folded) is one of [`ADJECTIVAL_NOUNS`] that the next word
/// (folded, and whether it is written in lower case) makes an adjective: a word in lower
/// case that is not one of [`ENGLISH_PHRASE_ENDS`].
pub(crate) fn is_adjective_here(noun: &str, next: Option<(&str, bool)>) -> bool {
    ADJECTIVAL_NOUNS.contains(&noun)
        && next.is_some_and(|(word, lower)| lower && !ENGLISH_PHRASE_ENDS.contains(&word))
}

/// The endings of Russian adjectives, every gender, number and case.
const RUSSIAN_ADJECTIVE_ENDINGS: &[&str] = &[
    "ая", "яя", "ой", "ий", "ый", "ое", "ее", "ые", "ие", "их", "ых", "ого", "его", "ую", "юю",
    "ей", "ими", "ыми", "ому", "ему",
];

/// Whether a folded Russian word has the ending of an adjective.
pub(crate) fn has_russian_adjective_ending(folded: &str) -> bool {
    folded.starts_with(is_cyrillic)
        && RUSSIAN_ADJECTIVE_ENDINGS
            .iter()
            .any(|e| folded.ends_with(e))
}

/// Whether a folded Russian word is an adjective of a country or a place, `-ск-` and an
/// adjective's ending (`российская армия`, `французских военных`: the army is Russia's, not
/// the text's country's), unlike a participle that stands for a noun (`командующего
/// президентской гвардией`, the guard's commander).
pub(crate) fn is_russian_place_adjective(folded: &str) -> bool {
    folded.starts_with(is_cyrillic)
        && RUSSIAN_ADJECTIVE_ENDINGS.iter().any(|e| {
            folded
                .strip_suffix(e)
                .is_some_and(|stem| stem.ends_with("ск"))
        })
}

/// An Arabic word with the article, after its proclitics (one or two): how many bytes of
/// the word the clitics take (the mention starts after them), and the word with the article
/// (`بالجيش`: 2 bytes, `الجيش`). After `لل`, the preposition `ل` and the article whose alif
/// is not written, the span keeps the second `ل`, which stands for the article (`وللجيش`: 4
/// bytes, `لجيش` written, `الجيش` read). None when no proclitic comes before the article.
pub(crate) fn arabic_definite_after_clitics(word: &str) -> Option<(usize, String)> {
    const ARTICLE: &str = "ال";
    std::iter::once(0)
        .chain(arabic_proclitics(word))
        .find_map(|cut| {
            let rest = &word[cut..];
            // `لل`: the preposition `ل` and the article, whose alif is not written.
            match rest.strip_prefix("لل") {
                Some(noun) if noun.chars().count() >= 2 => {
                    Some((cut + "ل".len(), format!("{ARTICLE}{noun}")))
                }
                _ => (cut > 0 && rest.starts_with(ARTICLE)).then(|| (cut, rest.to_string())),
            }
        })
}

/// Whether a folded Arabic word has the article: an adjective after a noun agrees with it
/// (`الجيش الفرنسي`). The relative pronouns, which begin alike, are no adjectives (`الحرس
/// الرئاسي الذي`).
pub(crate) fn has_arabic_article(folded: &str) -> bool {
    const RELATIVE_PRONOUNS: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"];
    folded.starts_with("ال") && !RELATIVE_PRONOUNS.contains(&folded)
}

/// The value of a folded word in a table of written words, whose folded forms are computed
/// once into `cache`.
fn look_up_folded(
    cache: &'static OnceLock<HashMap<String, &'static str>>,
    table: &[(&str, &'static str)],
    folded: &str,
) -> Option<&'static str> {
    cache
        .get_or_init(|| {
            table
                .iter()
                .map(|(word, value)| (super::folded(word), *value))
                .collect()
        })
        .get(folded)
        .copied()
}

/// Words of a state's long name (`République du Mali`): generic, but part of that name.
const STATE_WORDS: &[&str] = &[
    "république",
    "republic",
    "república",
    "repubblica",
    "republik",
    "республика",
];

/// The cardinal points: a name without them names the same place or a wider one, and a
/// name that is only one names nothing.
const CARDINAL_POINTS: &[&str] = &[
    "nord", "sud", "est", "ouest", "centre", "north", "south", "east", "west", "central", "centro",
    "norte",
];

/// Whether a word, in the token layer's form (see `normalize::token_key`), says only what
/// kind of thing a name names, or only where: a kind word, a state's word or a cardinal
/// point.
pub(crate) fn is_generic_word(token: &str) -> bool {
    static GENERIC: OnceLock<HashSet<String>> = OnceLock::new();
    let lists = kind_words().chain([STATE_WORDS, CARDINAL_POINTS]);
    in_token_forms(&GENERIC, lists, token)
}

/// Whether a word, in the token layer's form, is a kind word (see [`GROUP_KIND_WORDS`] and
/// [`PLACE_KIND_WORDS`]).
pub(crate) fn is_kind_word(token: &str) -> bool {
    static KINDS: OnceLock<HashSet<String>> = OnceLock::new();
    in_token_forms(&KINDS, kind_words(), token)
}

/// The plurals of the kind words of places (`les régions de Gao et Ménaka`, `the Gao and
/// Ménaka regions`), which say the kind of every name of a list. Russian plurals share their
/// stem with the singular, which the token forms give.
const PLACE_KIND_PLURALS: &[(&str, &[&str])] = &[
    (
        "region",
        &[
            "régions",
            "regions",
            "regiones",
            "regioni",
            "regiões",
            "مناطق",
        ],
    ),
    (
        "province",
        &["provinces", "provincias", "províncias", "provinzen"],
    ),
    ("cercle", &["cercles"]),
    ("commune", &["communes"]),
    (
        "department",
        &["départements", "departments", "departamentos"],
    ),
    (
        "town",
        &[
            "villes", "towns", "cities", "ciudades", "cidades", "städte", "مدن",
        ],
    ),
];

/// The kind of place that a word in the token layer's form says (see [`PLACE_KIND_WORDS`]),
/// and whether the word is a plural (see [`PLACE_KIND_PLURALS`]).
pub(crate) fn place_kind_and_number(token: &str) -> Option<(&'static str, bool)> {
    static KINDS: OnceLock<HashMap<String, (&'static str, bool)>> = OnceLock::new();
    KINDS
        .get_or_init(|| {
            let singulars = PLACE_KIND_WORDS
                .iter()
                .map(|&(kind, words)| (kind, words, false));
            let plurals = PLACE_KIND_PLURALS
                .iter()
                .map(|&(kind, words)| (kind, words, true));
            let mut kinds = HashMap::new();
            for (kind, words, plural) in singulars.chain(plurals) {
                for word in words {
                    for token in super::tokens(&super::token_key(word)) {
                        // A Russian plural's token is its singular's: the singular it is.
                        kinds.entry(token).or_insert((kind, plural));
                    }
                }
            }
            kinds
        })
        .get(token)
        .copied()
}

fn kind_words() -> impl Iterator<Item = &'static [&'static str]> {
    std::iter::once(GROUP_KIND_WORDS).chain(PLACE_KIND_WORDS.iter().map(|&(_, words)| words))
}

/// Whether `token` is one of the words of `lists` in the token layer's form, computed once
/// into `cache`.
fn in_token_forms<'w>(
    cache: &OnceLock<HashSet<String>>,
    lists: impl IntoIterator<Item = &'w [&'w str]>,
    token: &str,
) -> bool {
    cache
        .get_or_init(|| {
            lists
                .into_iter()
                .flat_map(|list| list.iter())
                .flat_map(|w| super::tokens(&super::token_key(w)))
                .collect()
        })
        .contains(token)
}

/// Titles, ranks and roles written before a name, in the languages of the news, folded:
/// removed from a query that finds nothing as written (`le colonel Goïta`, `President
/// Tiani`, `العقيد غويتا`). Longer titles come first where one starts another.
const TITLES: &[&str] = &[
    // French
    "general de division",
    "general de brigade",
    "general d'armee",
    "general",
    "generale",
    "colonel major",
    "lieutenant colonel",
    "colonel",
    "lieutenant",
    "capitaine",
    "commandant",
    "chef d'escadron",
    "adjudant chef",
    "adjudant",
    "sergent",
    "caporal",
    "marechal",
    "president de la transition",
    "president",
    "presidente",
    "chef de l'etat",
    "chef de la junte",
    "premier ministre",
    "ministre",
    "emir",
    "cheikh",
    "imam",
    "docteur",
    "dr",
    "professeur",
    "pr",
    "monsieur",
    "madame",
    "mme",
    "m",
    "maitre",
    "chef",
    "porte parole",
    "secretaire general",
    "ambassadeur",
    // English
    "lieutenant general",
    "major general",
    "brigadier general",
    "gen",
    "col",
    "lt col",
    "lt",
    "captain",
    "capt",
    "major",
    "sergeant",
    "prime minister",
    "pm",
    "foreign minister",
    "defence minister",
    "defense minister",
    "minister",
    "junta leader",
    "junta chief",
    "leader",
    "commander",
    "sheikh",
    "shaykh",
    "mr",
    "mrs",
    "ms",
    "prof",
    "spokesman",
    "spokesperson",
    "secretary general",
    "ambassador",
    // Spanish, Portuguese, Italian
    "teniente coronel",
    "coronel",
    "capitan",
    "comandante",
    "primer ministro",
    "ministro",
    "jeque",
    "senor",
    "tenente coronel",
    "capitao",
    "primeiro ministro",
    "xeque",
    "tenente colonnello",
    "colonnello",
    "capitano",
    "primo ministro",
    "sceicco",
    "portavoz",
    "secretario general",
    "porta voz",
    "secretario geral",
    "portavoce",
    "segretario generale",
    "emiro",
    // German
    "oberstleutnant",
    "oberst",
    "hauptmann",
    "prasident",
    "staatschef",
    "ministerprasident",
    "premierminister",
    "aussenminister",
    "scheich",
    "juntachef",
    "sprecher",
    "generalsekretar",
    "junta chef",
    // Dutch
    "generaal",
    "kolonel",
    "kapitein",
    "luitenant kolonel",
    "minister president",
    "vicepresident",
    // Hausa
    "janar",
    "kanar",
    "kyaftin",
    "shugaba",
    "shugaban kasa",
    "firaminista",
    "ministan",
    // Indonesian and Malay
    "presiden",
    "wakil presiden",
    "perdana menteri",
    "menteri",
    "jenderal",
    "letnan jenderal",
    "letnan kolonel",
    "kapten",
    "mayor",
    // Swahili
    "rais",
    "waziri mkuu",
    "waziri",
    "jenerali",
    "luteni jenerali",
    "luteni kanali",
    "kanali",
    "kapteni",
    // Somali
    "madaxweyne",
    "madaxweynaha",
    "ra'iisul wasaare",
    "jeneraal",
    "gaashaanle",
    // Czech, Slovak, Slovene, Serbian, Croatian, Bosnian (Latin)
    "prezident",
    "predsjednik",
    "predsednik",
    "premijer",
    "plukovnik",
    "pukovnik",
    "potpukovnik",
    "polkovnik",
    "podpolkovnik",
    "podpolkovnika",
    "kapetan",
    "kapitán",
    "generala",
    // Romanian and Hungarian
    "presedintele",
    "colonelul",
    "capitanul",
    "generalul",
    "elnok",
    "ezredes",
    "szazados",
    "tabornok",
    // Turkish
    "albay",
    "yarbay",
    "yuzbası",
    "cumhurbaskanı",
    "genel sekreter",
    "genel sekreteri",
    "bakanı",
    "sozcusu",
    "komutanı",
    "lideri",
    "tumgeneral",
    "korgeneral",
    "orgeneral",
    "devlet baskanı",
    "basbakan",
    "bakan",
    "seyh",
    // Polish
    "generał",
    "pułkownik",
    "kapitan",
    "prezydent",
    "premier",
    // Russian and Ukrainian, with the case forms the press puts before a name
    "генерал",
    "генерала",
    "генералом",
    "полковник",
    "полковника",
    "полковником",
    "подполковник",
    "подполковника",
    "капитан",
    "капитана",
    "капитаном",
    "майор",
    "президент",
    "президента",
    "президентом",
    "президенту",
    "генсек",
    "генеральный секретарь",
    "генерального секретаря",
    "премьер министр",
    "министр",
    "министра",
    "глава",
    "лидер",
    "лидера",
    "эмир",
    "шейх",
    "имам",
    "капітан",
    "міністр",
    "прем'єр міністр",
    // Arabic and Persian
    "الرييس",
    "العقيد",
    "الجنرال",
    "النقيب",
    "الرايد",
    "المقدم",
    "اللواء",
    "الفريق",
    "الوزير",
    "رييس الوزراء",
    "الامير",
    "امير",
    "الشيخ",
    "شيخ",
    "الامام",
    "زعيم",
    "قايد",
    "الدكتور",
    "السيد",
    "رييس جمهور",
    "سرهنگ",
    "ژنرال",
];

/// Titles written after a name in scripts without spaces (`ゴイタ大佐`, `戈伊塔上校`).
const TITLES_AFTER: &[&str] = &[
    "前大統領",
    "元大統領",
    "大佐",
    "中佐",
    "大尉",
    "将軍",
    "大統領",
    "首相",
    "上校",
    "中校",
    "上尉",
    "将军",
    "總統",
    "总统",
    "总理",
    "總理",
    "대령",
    "대위",
    "대통령",
    "총리",
];

/// Words that qualify a title: the demonyms of the Sahel news and its partners, and
/// `former`, `interim` and the like, folded (`Malian President Goïta`, `former Prime
/// Minister`).
const TITLE_QUALIFIERS: &[&str] = &[
    "malian",
    "malien",
    "malienne",
    "maliano",
    "maliense",
    "malischen",
    "malische",
    "malischer",
    "burkinabe",
    "burkinabè",
    "burkinese",
    "nigerien",
    "nigérien",
    "nigerienne",
    "nigérienne",
    "nigerino",
    "nigerina",
    "nigrischen",
    "nigrische",
    "russian",
    "russe",
    "french",
    "français",
    "algerian",
    "algérien",
    "mauritanian",
    "mauritanien",
    "chadian",
    "tchadien",
    "ivorian",
    "ivoirien",
    "senegalese",
    "sénégalais",
    "togolese",
    "togolais",
    "beninese",
    "béninois",
    "nigerian",
    "nigérian",
    "former",
    "ex",
    "ancien",
    "late",
    "defunt",
    "défunt",
    "interim",
    "transitional",
    "intérimaire",
    "acting",
    "jihadist",
    "djihadiste",
    "jihadiste",
    "rebel",
    "rebelle",
    "tuareg",
    "touareg",
    "military",
    "militaire",
];

/// Whether a folded word qualifies a title (see [`TITLE_QUALIFIERS`]).
pub(crate) fn is_title_qualifier(word: &str) -> bool {
    static QUALIFIERS: OnceLock<Vec<String>> = OnceLock::new();
    QUALIFIERS
        .get_or_init(|| TITLE_QUALIFIERS.iter().map(|q| super::folded(q)).collect())
        .iter()
        .any(|q| q == word)
}

/// Whether a folded word is a compound that ends with a title, as Dutch and German write
/// them (`legerkolonel`, `staatschef`, `ubergangsprasident`): Latin letters, a one-word title of
/// four letters or more at the end, three letters or more before it. No name of the lexicon
/// has such a word.
pub(crate) fn is_compound_title(word: &str) -> bool {
    const SHORTEST_TITLE: usize = 4;
    const SHORTEST_START: usize = 3;
    static ENDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    if word.len() < SHORTEST_START + SHORTEST_TITLE || !word.bytes().all(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let ends = ENDS.get_or_init(|| {
        titles()
            .iter()
            .filter_map(|title| match &title[..] {
                [one] if one.len() >= SHORTEST_TITLE && one.is_ascii() => Some(one.as_str()),
                _ => None,
            })
            .collect()
    });
    (SHORTEST_START..=word.len() - SHORTEST_TITLE).any(|at| ends.contains(&word[at..]))
}

/// Whether a folded word is a word of some title (`prime` and `minister` of `prime
/// minister`, `colonel`).
fn is_title_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| titles().iter().flatten().cloned().collect())
        .contains(word)
}

/// The nouns of things named after a person or a place, folded: streets, squares, bridges,
/// stadiums, schools, airports, camps, prizes, companies (`Rue Assimi Goïta`, `Stade Modibo
/// Keïta`, `Kidal Street`, `Air Mali`, `شارع`). A phrase that holds one names that thing,
/// not the name inside it.
const NAMED_AFTER: &[&str] = &[
    // French
    "rue",
    "avenue",
    "boulevard",
    "place",
    "pont",
    "stade",
    "lycee",
    "ecole",
    "college",
    "universite",
    "aeroport",
    "hopital",
    "clinique",
    "mosquee",
    "camp",
    "caserne",
    "base",
    "quartier",
    "cite",
    "prix",
    "fondation",
    "hotel",
    "banque",
    "radio",
    "cinema",
    "marche",
    "gare",
    "port",
    "barrage",
    "musee",
    "monument",
    "promotion",
    "centre",
    // English
    "street",
    "road",
    "square",
    "bridge",
    "stadium",
    "school",
    "university",
    "airport",
    "hospital",
    "mosque",
    "barracks",
    "prize",
    "award",
    "foundation",
    "bank",
    "airlines",
    "airways",
    "air",
    "club",
    "fc",
    "museum",
    "station",
    "dam",
    "market",
    "cup",
    "trophy",
    // Spanish, Portuguese, Italian, German, Dutch, Turkish
    "calle",
    "avenida",
    "plaza",
    "puente",
    "estadio",
    "aeropuerto",
    "rua",
    "praca",
    "ponte",
    "estadio",
    "aeroporto",
    "via",
    "piazza",
    "stadio",
    "strasse",
    "platz",
    "brucke",
    "stadion",
    "flughafen",
    "straat",
    "plein",
    "luchthaven",
    "caddesi",
    "sokak",
    "meydani",
    "havalimani",
    // Russian, Arabic
    "улица",
    "проспект",
    "площадь",
    "мост",
    "стадион",
    "аэропорт",
    "شارع",
    "ساحة",
    "جسر",
    "ملعب",
    "مطار",
    "جامعة",
    "مسجد",
    "مستشفى",
    "جايزة",
];

/// Whether a folded word is a noun of things named after someone (see [`NAMED_AFTER`]).
fn is_named_after_noun(word: &str) -> bool {
    static FOLDED: OnceLock<HashSet<String>> = OnceLock::new();
    FOLDED
        .get_or_init(|| NAMED_AFTER.iter().map(|w| super::folded(w)).collect())
        .contains(word)
}

/// Prepositions that join a name to another one that places or qualifies it, folded
/// (`Ibrahim Traoré of Burkina Faso`, `Gao au Mali`, `Бамако в Мали`).
const JOINING_PREPOSITIONS: &[&str] = &[
    "of", "from", "in", "de", "du", "des", "d'", "au", "en", "a", "del", "da", "do", "di", "von",
    "aus", "im", "из", "в", "من", "في",
];

/// Whether the text between two names is only a preposition that joins the second to the
/// first (see [`JOINING_PREPOSITIONS`]).
pub(crate) fn joins_names(between: &str) -> bool {
    static FOLDED: OnceLock<HashSet<String>> = OnceLock::new();
    let prepositions = FOLDED.get_or_init(|| {
        JOINING_PREPOSITIONS
            .iter()
            .map(|w| super::folded(w))
            .collect()
    });
    let folded = super::folded(between.trim_matches(|c: char| !c.is_alphanumeric()));
    // `de la`, `of the`: the article that may follow is no word of its own here.
    let mut words = folded.split(' ').filter(|w| !w.is_empty());
    words.next().is_some_and(|w| prepositions.contains(w))
        && words.all(|w| is_leading_article(w) || is_french_article(w))
}

/// Where a word stands in a phrase around a name (see [`may_qualify_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Around {
    /// Before a name of this many words, not next to it.
    Before(usize),
    /// Right before a name of this many words.
    Next(usize),
    /// After the name.
    After,
}

/// Whether a written word of a phrase may stand around the name the phrase is about, so that
/// the phrase is read as that name (`президент Буркина-Фасо Ибрагим Траоре`, `le chef de la
/// diplomatie malienne Abdoulaye Diop`, `the town of Gao`, `马里总统戈伊塔`):
///
/// - never a noun of the things named after someone (`Rue Assimi Goïta`);
/// - a word of a script without case (Arabic, Chinese, Japanese, Korean...), which cannot
///   tell a title from a name, is let through;
/// - after the name: kind words only (`Kidal region`);
/// - before a person's name of several words, any word but a function word right before it
///   (`Kapten Ibrahim Traoré`, `Luteni Jenerali Paul-Henri Damiba`: titles are an open
///   class, and a given name would not come before a full name; `le fils d'Ibrahim Traoré`
///   is someone else);
/// - before a surname alone: right before it, a word of a title, a title's qualifier or a
///   country's adjective (`le fils de Goïta`, `famille Goïta`, `Hadiza Bazoum` are other
///   people); further before it, any word in lower case too;
/// - before another name: titles, qualifiers, function words, kind words and a country's
///   adjectives only, in any case (`la ville de Gao`, `le groupe jihadiste JNIM`, but not
///   `l'armée du Mali`).
pub(crate) fn may_qualify_name(word: &str, at: Around, person: bool) -> bool {
    let folded = super::folded(word);
    let parts: Vec<&str> = folded.split(' ').filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| is_named_after_noun(p)) {
        return false;
    }
    let cased = word.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    if !cased && word.chars().any(char::is_alphabetic) {
        return true;
    }
    let kind_word = |p: &&str| {
        let tokens = super::tokens(&super::token_key(p));
        !tokens.is_empty() && tokens.iter().all(|t| is_kind_word(t))
    };
    // `de` and `la` are words of titles too (`chef de la junte`), but not titles.
    let titles = |p: &&str| {
        (is_title_word(p) && !is_function_word(p) && !is_title_article(p))
            || is_title_qualifier(p)
            || adjective_country(p).is_some()
    };
    let known = |p: &&str| titles(p) || is_title_article(p) || is_function_word(p) || kind_word(p);
    let lower = word.chars().next().is_some_and(char::is_lowercase);
    let function_word = |p: &&str| is_title_article(p) || is_function_word(p);
    match at {
        Around::After => parts.iter().all(kind_word),
        Around::Next(words) if person && words > 1 => !parts.iter().any(function_word),
        Around::Next(_) if person => parts.iter().all(titles),
        Around::Before(words) if person && (lower || words > 1) => true,
        _ => parts.iter().all(known),
    }
}

/// Articles and prepositions that may stand before a title (`le colonel`, `du général`).
fn is_title_article(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "l'"
            | "d'"
            | "du"
            | "de"
            | "the"
            | "el"
            | "il"
            | "lo"
            | "o"
            | "a"
            | "der"
            | "die"
    )
}

/// The folded titles, as lists of words, longest first.
fn titles() -> &'static [Vec<String>] {
    static TITLES_FOLDED: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    TITLES_FOLDED.get_or_init(|| {
        let mut titles: Vec<Vec<String>> = TITLES
            .iter()
            .map(|t| super::folded(t).split(' ').map(str::to_string).collect())
            .collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        titles
    })
}

/// Whether folded words end with a title, perhaps followed by a word that qualifies it
/// (`le capitaine`, `President`, `le président nigérien`, `العقيد`): a capitalized word
/// after them names a person.
pub(crate) fn ends_with_title(words: &[&str]) -> bool {
    static LAST_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let mut end = words.len();
    if end > 1 && is_title_qualifier(words[end - 1]) {
        end -= 1;
    }
    let words = &words[..end];
    if words.last().is_some_and(|w| is_compound_title(w)) {
        return true;
    }
    // Most words end no title: one lookup rules them out.
    let last_words = LAST_WORDS.get_or_init(|| {
        titles()
            .iter()
            .filter_map(|title| title.last().map(String::as_str))
            .collect()
    });
    if !words.last().is_some_and(|w| last_words.contains(w)) {
        return false;
    }
    titles().iter().any(|title| {
        words.len() >= title.len()
            && words[words.len() - title.len()..]
                .iter()
                .zip(title)
                .all(|(w, t)| w == t)
    })
}

/// Turkish case suffixes written after an apostrophe on a proper name (`Kidal'de`,
/// `Mali'nin`, `Bamako'ya`).
/// One-letter suffixes (`Kidal'e`, `Bazoum’a`) are in [`TURKISH_ONE_LETTER_SUFFIXES`].
const TURKISH_SUFFIXES: &[&str] = &[
    "de", "da", "te", "ta", "den", "dan", "ten", "tan", "nin", "nın", "nun", "nün", "in", "ın",
    "un", "ün", "ye", "ya", "yi", "yı", "yu", "yü", "le", "la", "yle", "yla", "li", "lı", "lu",
    "lü", "ler", "lar", "deki", "daki", "teki", "taki",
];

/// The Turkish dative and accusative of a name that ends with a consonant (`Kidal'e`,
/// `Bazoum’a`; after a vowel they take a `y`: `Goïta’yı`). After an apostrophe a letter is
/// as often the end of a romanized Chinese syllable (`Xi'an`, `Hua'an`) or of an Arabic word
/// after its ʿayn (`Jama'a`, `Shari'a`), whose words before it are short or end with a
/// vowel: it is read as a suffix only after a name of
/// [`MIN_NAME_BEFORE_ONE_LETTER_SUFFIX`] letters or more that ends with a consonant.
const TURKISH_ONE_LETTER_SUFFIXES: &[&str] = &["a", "e", "ı", "i", "u", "ü"];

/// See [`TURKISH_ONE_LETTER_SUFFIXES`].
const MIN_NAME_BEFORE_ONE_LETTER_SUFFIX: usize = 4;

/// Arabic proclitics written joined to the next word: and, so, with/in, to/for, like.
const ARABIC_PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// Where a Turkish case suffix starts in a word written after a proper name and an apostrophe
/// (`Kidal'de`, `Mali'nin`), or in a headline's capitals (`NİJER'DEN`): the byte offset of
/// the apostrophe, if the word has one.
pub(crate) fn turkish_suffix_at(word: &str) -> Option<usize> {
    let (at, apostrophe) = word.char_indices().rfind(|&(_, c)| is_apostrophe(c))?;
    let (name, suffix) = (&word[..at], &word[at + apostrophe.len_utf8()..]);
    let proper = name.chars().next().is_some_and(char::is_uppercase);
    let suffix = match suffix.chars().any(char::is_uppercase) {
        // The dot of a capital `İ` is a combining mark once in lower case.
        true => Cow::Owned(suffix.to_lowercase().replace('\u{307}', "")),
        false => Cow::Borrowed(suffix),
    };
    let one_letter = || {
        let ends_with_consonant = name
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() && !"aeiouyıöüâéèêëïîôûàAEIOUYIÖÜ".contains(c));
        TURKISH_ONE_LETTER_SUFFIXES.contains(&suffix.as_ref())
            && name.chars().count() >= MIN_NAME_BEFORE_ONE_LETTER_SUFFIX
            && ends_with_consonant
    };
    (proper && (TURKISH_SUFFIXES.contains(&suffix.as_ref()) || one_letter())).then_some(at)
}

/// The lengths in bytes of the proclitics that may start an Arabic word (`بكيدال` is
/// `ب` + `كيدال`; `وبكيدال`, `و` + `ب` + `كيدال`), shortest first, each leaving a word of
/// at least three letters.
pub(crate) fn arabic_proclitics(word: &str) -> Vec<usize> {
    let mut lengths = Vec::new();
    let mut chars = word.char_indices();
    for _ in 0..2 {
        match chars.next() {
            Some((at, c)) if ARABIC_PROCLITICS.contains(&c) => {
                let end = at + c.len_utf8();
                if word[end..].chars().count() >= 3 {
                    lengths.push(end);
                }
            }
            _ => break,
        }
    }
    lengths
}

/// The rule of the reading without a title.
pub(crate) const TITLE_RULE: &str = "title";

/// The rule of the reading of an acronym with two neighbouring letters swapped (`CSNP` for
/// `CNSP`, `PDNS` for `PNDS`), a slip of the press.
pub(crate) const SWAP_RULE: &str = "swap";

/// The lengths of the acronyms read with two letters swapped: a shorter one swapped is as
/// often another body's (`ASE`, `AES`), a longer one is rarely an acronym.
const SWAPPED_ACRONYM_LETTERS: std::ops::RangeInclusive<usize> = 4..=6;

/// The other readings of a query that finds nothing as written, each with the rule that
/// made it: without a title before the name (or after it, in Chinese, Japanese and Korean),
/// a hashtag or handle without its sigil and with its words apart (`#BurkinaFaso`), a
/// catalogue order undone (`Traoré, Ibrahim`), a Turkish case suffix or an Arabic proclitic
/// split off (`Kidal'de`, `بكيدال`). The unit test below holds a table of each.
pub(crate) fn readings(query: &str) -> Vec<(String, &'static str)> {
    let query = query.trim();
    let mut found: Vec<(String, &'static str)> = Vec::new();
    let mut add = |text: String, rule| {
        let text = text.trim().to_string();
        if !text.is_empty() && text != query && !found.iter().any(|(t, _)| *t == text) {
            found.push((text, rule));
        }
    };
    if let Some(untitled) = without_title(query) {
        add(untitled, TITLE_RULE);
    }
    if let Some(name) = query.strip_prefix(['#', '@']) {
        add(name.to_string(), "handle");
        add(handle_words(name), "handle");
    }
    if let Some((last, first)) = query.split_once(',') {
        if !first.contains(',') {
            add(format!("{} {}", first.trim(), last.trim()), "order");
        }
    }
    if let Some(at) = turkish_suffix_at(query) {
        add(query[..at].to_string(), "suffix");
    }
    if !query.contains(' ') {
        for at in arabic_proclitics(query) {
            add(query[at..].to_string(), "clitic");
        }
    }
    let acronym = query.bytes().all(|b| b.is_ascii_uppercase());
    if acronym && SWAPPED_ACRONYM_LETTERS.contains(&query.len()) {
        let letters = query.as_bytes();
        for at in 1..letters.len() {
            if letters[at - 1] != letters[at] {
                let mut swapped = letters.to_vec();
                swapped.swap(at - 1, at);
                add(String::from_utf8_lossy(&swapped).into_owned(), SWAP_RULE);
            }
        }
    }
    found
}

/// The query without the titles (and their articles) it starts with, or without a title it
/// ends with in a script written without spaces; `None` when it has none or is nothing else.
fn without_title(query: &str) -> Option<String> {
    for title in TITLES_AFTER {
        if let Some(name) = query.strip_suffix(title).filter(|n| !n.trim().is_empty()) {
            return Some(name.to_string());
        }
    }
    // The query's written words, and their folded words, each with the written word it is
    // part of. An elided article is a folded word of its own (`l'émir`).
    let written: Vec<&str> = query.split_whitespace().collect();
    let mut parts: Vec<(String, usize)> = Vec::new();
    for (i, word) in written.iter().enumerate() {
        for part in super::folded(word).split(' ').filter(|p| !p.is_empty()) {
            match part.split_once('\'') {
                Some((elided, rest)) if is_elision(elided) && !rest.is_empty() => {
                    parts.push((format!("{elided}'"), i));
                    parts.push((rest.to_string(), i));
                }
                _ => parts.push((part.to_string(), i)),
            }
        }
    }
    let mut at = 0;
    loop {
        let mut next = at;
        if parts.get(next).is_some_and(|(p, _)| is_title_article(p)) {
            next += 1;
        }
        // `Malian President`, `former Prime Minister`, `le président nigérien`: words that
        // qualify a title come before it in English, after it in French.
        while parts.get(next).is_some_and(|(p, _)| is_title_qualifier(p)) {
            next += 1;
        }
        let title = titles().iter().find(|title| {
            parts.len() > next + title.len()
                && title.iter().zip(&parts[next..]).all(|(t, (p, _))| t == p)
        });
        let title_len = match title {
            Some(title) => Some(title.len()),
            None => (parts.len() > next + 1 && is_compound_title(&parts[next].0)).then_some(1),
        };
        match title_len {
            Some(len) => {
                at = next + len;
                while parts.len() > at + 1 && is_title_qualifier(&parts[at].0) {
                    at += 1;
                }
            }
            None => break,
        }
    }
    // The name left must start a written word.
    let starts_word = at > 0 && at < parts.len() && parts[at].1 != parts[at - 1].1;
    starts_word.then(|| written[parts[at].1..].join(" "))
}

/// The words of a hashtag or handle: camel case split (`BurkinaFaso`), underscores as
/// spaces, trailing digits dropped (`PersonName2019`).
fn handle_words(handle: &str) -> String {
    let handle = handle.trim_end_matches(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(handle.len() + 4);
    let mut previous: Option<char> = None;
    for c in handle.chars() {
        if c == '_' {
            out.push(' ');
        } else {
            if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
                out.push(' ');
            }
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Russian case forms of the lexicon's names, and nouns that only share their stems.
    #[test]
    fn east_slavic_forms_agree_within_a_declension() {
        for (name, form) in [
            ("нигерия", "нигерии"),
            ("нигер", "нигера"),
            ("кидаль", "кидале"),
            ("гоита", "гоитой"),
            ("вагнера", "вагнера"),
            ("мали", "мали"),
            ("группа", "группы"),
            ("африканский", "африканского"),
            ("национальная", "национальной"),
            ("вооруженные", "вооруженных"),
            ("стратегическая", "стратегическую"),
            ("исламское", "исламского"),
            ("нігер", "нігері"),
            ("руамба", "руамбі"),
            ("олівія", "олівії"),
        ] {
            assert!(east_slavic_forms_agree(name, form), "{name} / {form}");
        }
        for (name, form) in [
            ("нигер", "нигерии"),
            ("мали", "малийский"),
            ("нигер", "нигерийский"),
            ("национальная", "национальных"),
            ("африканский", "африканская"),
        ] {
            assert!(!east_slavic_forms_agree(name, form), "{name} / {form}");
        }
    }

    /// A name and its case forms share a stem, whichever declension the name takes; a word
    /// of another script has none.
    #[test]
    fn east_slavic_names_and_their_case_forms_share_a_stem() {
        for (name, forms) in [
            ("сенегал", &["сенегала", "сенегалом", "сенегале"][..]),
            ("бархан", &["бархана", "барханом"]),
            ("кидаль", &["кидаля", "кидале", "кидалем"]),
            ("ниамей", &["ниамея", "ниамее", "ниамеем"]),
            ("гоита", &["гоиты", "гоите", "гоитой"]),
            ("нигерия", &["нигерии", "нигерию", "нигерией"]),
            ("д'ивуар", &["д'ивуара", "д'ивуаром"]),
            ("национальная", &["национальной", "национальную"]),
            ("африканский", &["африканского", "африканским"]),
            ("нігер", &["нігері", "нігеру", "нігером"]),
            ("руамба", &["руамбі", "руамбою"]),
            ("олівія", &["олівії", "олівією"]),
        ] {
            for form in forms {
                assert_eq!(
                    east_slavic_stem(name),
                    east_slavic_stem(form),
                    "{name} / {form}"
                );
            }
        }
        // Short names keep three letters; other scripts have no stem here.
        assert_eq!(east_slavic_stem("гао"), Some("гао"));
        assert_eq!(east_slavic_stem("kidal"), None);
        assert_eq!(east_slavic_stem("كيدال"), None);
    }

    /// Real queries of each class, from the issue and the lexicon's own names.
    #[test]
    fn readings_of_titles_handles_orders_suffixes_and_clitics() {
        let table: &[(&str, &str, &str)] = &[
            ("le colonel Goïta", "Goïta", "title"),
            ("Colonel Assimi Goïta", "Assimi Goïta", "title"),
            ("lieutenant-colonel Damiba", "Damiba", "title"),
            ("President Tiani", "Tiani", "title"),
            ("Prime Minister Choguel Maïga", "Choguel Maïga", "title"),
            ("le général Tiani", "Tiani", "title"),
            ("l'émir Iyad Ag Ghali", "Iyad Ag Ghali", "title"),
            ("el presidente Bazoum", "Bazoum", "title"),
            ("Malian President Assimi Goïta", "Assimi Goïta", "title"),
            (
                "former Prime Minister Choguel Maïga",
                "Choguel Maïga",
                "title",
            ),
            (
                "Nigerien junta leader Abdourahamane Tiani",
                "Abdourahamane Tiani",
                "title",
            ),
            (
                "le président nigérien Mohamed Bazoum",
                "Mohamed Bazoum",
                "title",
            ),
            ("президент Базум", "Базум", "title"),
            ("полковника Гоиты", "Гоиты", "title"),
            ("العقيد أسيمي غويتا", "أسيمي غويتا", "title"),
            ("ゴイタ大佐", "ゴイタ", "title"),
            ("#JNIM", "JNIM", "handle"),
            ("#BurkinaFaso", "Burkina Faso", "handle"),
            ("@Some_Agency", "Some Agency", "handle"),
            ("Traoré, Ibrahim", "Ibrahim Traoré", "order"),
            ("Kidal'de", "Kidal", "suffix"),
            ("Mali'nin", "Mali", "suffix"),
            ("بكيدال", "كيدال", "clitic"),
        ];
        for &(query, expected, rule) in table {
            let found = readings(query);
            assert!(
                found.iter().any(|(t, r)| t == expected && *r == rule),
                "{query}: {found:?}"
            );
        }
        // Case endings: Polish Kidalu (locative) and Goity (genitive), Finnish Malissa
        // (inessive), German Malis (genitive); a demonym's ending is not one of them.
        for (word, stem) in [
            ("kidalu", "kidal"),
            ("goity", "goit"),
            ("malissa", "mali"),
            ("malis", "mali"),
            ("traorego", "traore"),
            ("henrija", "henri"),
            ("kaboreja", "kabore"),
            ("afrykanskiego", "afrykanski"),
        ] {
            let stems = without_case_endings(word, None);
            assert!(stems.iter().any(|(s, _)| s == stem), "{word}: {stems:?}");
        }
        assert!(!without_case_endings("malien", None)
            .iter()
            .any(|(s, _)| s == "mali"));
        assert!(!without_case_endings("burkinabe", None)
            .iter()
            .any(|(s, _)| s == "burkina"));
        // A title alone, or a name that only looks like one, stays as it is.
        assert!(without_title("Colonel").is_none());
        assert!(without_title("Mali").is_none());
        assert!(readings("Jama'at").is_empty());
    }
}
