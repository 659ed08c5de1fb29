//! Names in another case than the lexicon's, word by word, in the languages that decline
//! names and have no stemmer here (Slavic, Finnic, Hungarian, Baltic, Romanian, Greek, the
//! German genitive); and names after a title, spelled as the writer heard them. The
//! examples are written by the rules of each language's grammar, not taken from a test set.

use canonym::Tagger;

use crate::phrases::best;

/// The mentions of `text`, as (text, ID).
fn mentions(text: &str) -> Vec<(String, String)> {
    let index = canonym::default_index().unwrap();
    Tagger::new(index)
        .tag(text)
        .unwrap()
        .iter()
        .map(|m| (m.text.to_string(), m.best().id.to_string()))
        .collect()
}

#[test]
fn names_declined_word_by_word_resolve() {
    for (query, expected) in [
        // Serbian, Croatian and Slovene: each word declined, a `j` after a final vowel
        ("Assimija Goite", "person/assimi-goita"),
        ("Ibrahimom Traoréjem", "person/ibrahim-traore"),
        // Polish genitive of both words of a person's name
        ("Mohameda Bazouma", "person/mohamed-bazoum"),
        // Czech locative of the first word of a place's name
        ("Burkině Faso", "place/burkina-faso"),
        // Polish genitive of a name in `-ia` (not Niger's)
        ("Nigerii", "place/nigeria"),
        // Ukrainian `ї` where Russian writes `и` (`Гоїта`, `Гоита`)
        ("Гоїти", "person/assimi-goita"),
        // Finnish: genitive and inessive of the last word
        ("Burkina Fason", "place/burkina-faso"),
        ("Bamakossa", "place/bamako"),
        // Finnish illative after a consonant, with its joining `i` (Niger's, not Nigeria's)
        ("Nigeriin", "place/niger"),
        ("Kidaliin", "place/kidal"),
    ] {
        assert_eq!(
            best(query),
            Some((expected.to_string(), Some("ending"))),
            "{query}"
        );
    }
}

#[test]
fn a_name_after_a_title_may_be_spelled_by_ear() {
    for (query, expected) in [
        ("General Abdourahmane Tiani", "person/abdourahamane-tiani"),
        ("colonel Assimi Goyta", "person/assimi-goita"),
        (
            "le général Abdourahamane Tchiany",
            "person/abdourahamane-tiani",
        ),
    ] {
        assert_eq!(
            best(query),
            Some((expected.to_string(), Some("title"))),
            "{query}"
        );
    }
    // What only sounds like a name without a title stays a guess of the looser layer: a
    // title does not make a place of a common word.
    assert_eq!(best("colonel Beratung"), None);
}

#[test]
fn declined_names_are_tagged_in_texts_of_declining_languages() {
    for (text, expected) in [
        (
            "Sotilasjuntta kaappasi vallan Burkina Fasossa, ja armeija taistelee nyt jihadisteja vastaan Malissa.",
            vec![
                ("Burkina Fasossa", "place/burkina-faso"),
                ("Malissa", "place/mali"),
            ],
        ),
        (
            "Die Beratung der Regierung Malis über die Abmachung mit Russland dauerte lange.",
            vec![("Malis", "place/mali"), ("Russland", "place/russia")],
        ),
        (
            "Bazoum hatte die Zusammenarbeit mit Frankreich und den Vereinigten Staaten verstärkt, mit Unterstützung der Afrikanischen Union.",
            vec![
                ("Bazoum", "person/mohamed-bazoum"),
                ("Frankreich", "place/france"),
                ("Vereinigten Staaten", "place/united-states"),
                ("Afrikanischen Union", "org/african-union"),
            ],
        ),
    ] {
        let found = mentions(text);
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(t, id)| (t.to_string(), id.to_string()))
            .collect();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn other_languages_keep_their_words() {
    // English `-n` makes an adjective of a country, not a Finnish genitive; and German
    // nouns, all capitalized, are not names they sound like (`Beratung`, `Abmachung`).
    let found = mentions("Nigerian and Malian officials met in Abuja on Tuesday.");
    assert!(
        !found.iter().any(|(_, id)| id == "place/nigeria"),
        "{found:?}"
    );
    let found = mentions(
        "Die Abmachung wurde nach langer Beratung mit der Bewertung der Lage unterzeichnet.",
    );
    assert!(found.is_empty(), "{found:?}");
}

/// Ukrainian case forms meet the lexicon's Ukrainian names on the stem layer, by the
/// declensions of `lang::east_slavic_stem` (not Niger's for Nigeria's genitive).
#[test]
fn ukrainian_case_forms_meet_on_the_stem_layer() {
    let index = canonym::default_index().unwrap();
    for (query, expected) in [("Нігерії", "place/nigeria"), ("Нігері", "place/niger")]
    {
        let found = canonym::Resolver::new(index).resolve(query).unwrap();
        let best = found.first().unwrap_or_else(|| panic!("{query}: nothing"));
        assert_eq!(best.id, expected, "{query}");
        assert_eq!(best.layer, canonym::normalize::Layer::Stem, "{query}");
    }
}
