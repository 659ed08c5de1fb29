//! Names translated word by word: the token layer reads a name's common words by their
//! meaning in any language or case (`normalize::concepts`), its other words as written, and
//! gives the name whose words are all there. None of these spellings is in the lexicon.

use canonym::normalize::{self, Layer};
use canonym::Resolver;

/// The best candidate of `query`, with its layer and the words it says otherwise.
fn best(query: &str) -> Option<(String, Layer, Vec<String>)> {
    let index = canonym::default_index().unwrap();
    let found = Resolver::new(index).resolve(query).unwrap();
    found.first().map(|c| {
        let translated = c
            .words
            .iter()
            .flat_map(|w| &w.translated)
            .map(|t| t.meaning.unwrap_or("case").to_string())
            .collect();
        (c.id.to_string(), c.layer, translated)
    })
}

#[test]
fn translated_names_resolve_to_their_entity() {
    for (query, expected) in [
        // Italian, Dutch, Persian, Turkish and Polish names of the Sahel's juntas and alliance
        ("Confederazione degli Stati del Sahel", "org/aes"),
        ("Konfederacja Państw Sahelu", "org/aes"),
        ("Sahel Devletleri İttifakı", "org/aes"),
        ("Confédération des États du Sahel", "org/aes"),
        (
            "Nationaal Comité voor het Heil van het Volk",
            "org/cnsp-mali",
        ),
        ("Consejo Nacional de Transición", "org/cnt-mali"),
        ("شورای ملی نجات میهن", "org/cnsp-niger"),
        ("Consiglio nazionale di transizione", "org/cnt-mali"),
        // armed groups and armies
        ("Coordenação dos Movimentos do Azawad", "group/cma"),
        ("Koordination der Bewegungen des Azawad", "group/cma"),
        ("Coordinadora de Movimientos del Azawad", "group/cma"),
        ("Islamischer Staat in der Größeren Sahara", "group/eigs"),
        ("Provincia del Sahel dello Stato Islamico", "group/eigs"),
        ("Freiwillige zur Verteidigung des Vaterlandes", "group/vdp"),
        (
            "Vrijwilligers voor de Verdediging van het Vaderland",
            "group/vdp",
        ),
        ("Forze armate del Burkina Faso", "org/burkina-army"),
        // a place's name in another script or language within a translated name
        ("Rádio França Internacional", "org/rfi"),
        ("Radio Francia Internacional", "org/rfi"),
        ("Forças Armadas do Níger", "org/niger-army"),
    ] {
        let found = best(query);
        let Some((id, layer, translated)) = found else {
            panic!("{query}: nothing");
        };
        assert_eq!(id, expected, "{query}");
        assert_eq!(layer, Layer::Token, "{query}");
        assert!(!translated.is_empty(), "{query}: no word read by meaning");
    }
}

/// A translated name declines its own words with the language's (Polish, Czech, Serbian,
/// Croatian): the words of names a case ending may stand for are met.
#[test]
fn declined_words_of_a_translated_name_are_its_words() {
    for (query, expected, declined) in [
        (
            "Národní hnutí za osvobození Azawadu",
            "group/mnla",
            "azawadu",
        ),
        ("Siły Zbrojne Burkiny Faso", "org/burkina-army", "burkiny"),
        ("Oružane snage Malija", "org/fama", "malija"),
        ("Ozbrojené síly Nigeru", "org/niger-army", "nigeru"),
    ] {
        let index = canonym::default_index().unwrap();
        let found = Resolver::new(index).resolve(query).unwrap();
        let best = found.first().unwrap_or_else(|| panic!("{query}: nothing"));
        assert_eq!(best.id, expected, "{query}");
        // A word read as any of several words of names is no more than the name's word: the
        // guess scores below a name as written.
        assert!(best.score < 0.8, "{query}: {}", best.score);
        let words = best.words.as_ref().expect("a token match");
        assert!(words.coverage() <= 1.0, "{query}: {}", words.coverage());
        assert!(
            words
                .translated
                .iter()
                .any(|t| t.query == declined && t.meaning.is_none()),
            "{query}: {:?}",
            words.translated
        );
    }
    // The armies of countries the lexicon has no army of are none of its armies.
    for query in [
        "Siły Zbrojne Nigerii",
        "Siły Zbrojne Czadu",
        "Oružane snage Gvineje",
    ] {
        assert_eq!(best(query), None, "{query}");
    }
}

/// A German or Dutch compound of a name's words is those words (`Wagnergruppe` is `Gruppe
/// Wagner`); a compound of a name's word and another (`Sahelzone`) names nothing.
#[test]
fn compounds_are_split_into_the_words_of_names() {
    for (query, expected) in [("Wagnergruppe", "org/wagner"), ("Sahelallianz", "org/aes")] {
        let found = best(query).map(|(id, layer, _)| (id, layer));
        assert_eq!(found, Some((expected.to_string(), Layer::Token)), "{query}");
    }
    for query in ["Sahelzone", "Wagneroper"] {
        assert_eq!(best(query), None, "{query}");
    }
}

/// Articles and prepositions weigh nothing: a name that differs from a lexicon name in them
/// alone is that name.
#[test]
fn names_that_differ_in_function_words_alone_are_one() {
    for (query, expected) in [
        (
            "Nationaler Rat zur Rettung des Vaterlandes",
            "org/cnsp-niger",
        ),
        (
            "Conselho Nacional pela Salvaguarda da Pátria",
            "org/cnsp-niger",
        ),
        ("Stato Islamico nel Grande Sahara", "group/eigs"),
    ] {
        let found = best(query).map(|(id, layer, _)| (id, layer));
        assert_eq!(found, Some((expected.to_string(), Layer::Token)), "{query}");
    }
}

/// Common words alone, or with a word the name lacks, name no lexicon entity: another body
/// (`Consiglio di Sicurezza`), another country's army or front, the first words of many names.
#[test]
fn common_words_alone_name_nothing() {
    for query in [
        "Consiglio nazionale",
        "Comitato centrale",
        "Frente de Liberación Nacional",
        "Consiglio di Sicurezza delle Nazioni Unite",
        "Ejército Nacional de Colombia",
        "Nationale Volksarmee der DDR",
        "Fronte di liberazione del Sahel",
    ] {
        assert_eq!(best(query), None, "{query}");
    }
}

/// `--explain` says which word of the name each translated word of the query stands for.
#[test]
fn explain_shows_the_translated_words() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args([
            "resolve",
            "--explain",
            "Confederazione degli Stati del Sahel",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The best variant may be the name in any language that has the words (the English or
    // the Spanish one): each translated word is shown beside its word in that variant.
    let variant = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("variant \""))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_lowercase();
    let shown = |query: &str, concept: &str| {
        text.lines().any(|l| {
            let l = l.trim();
            l.starts_with(&format!("\"{query}\" is the name's \""))
                && l.ends_with(&format!("({concept})"))
                && l.split('"')
                    .nth(3)
                    .is_some_and(|word| normalize::folded(&variant).split(' ').any(|w| w == word))
        })
    };
    assert!(shown("confederazione", "confederation"), "{text}");
    assert!(shown("stati", "state"), "{text}");
}
