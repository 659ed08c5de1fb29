//! The tagger on tricky sentences, on arbitrary text, and on the seed corpus.

use canonym::{eval, Overlaps, Tagger};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    about: String,
    text: String,
    mentions: Vec<(String, String)>,
}

#[test]
fn tricky_sentences() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string("tests/tag_cases.toml").unwrap()).unwrap();
    let index = canonym::default_index().unwrap();
    let mut failures = Vec::new();
    for case in &cases.case {
        let mentions = index.tag(&case.text).unwrap();
        for m in &mentions {
            assert_eq!(&case.text[m.start..m.end], m.text, "{}", case.about);
        }
        let got: Vec<(String, String)> = mentions
            .iter()
            .map(|m| (m.text.to_string(), m.best().id.to_string()))
            .collect();
        if got != case.mentions {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                case.about, case.mentions, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_gold_f1_is_at_least_0_95() {
    let index = canonym::default_index().unwrap();
    let corpus = eval::load_corpus("seeds").unwrap();
    assert_eq!(corpus.len(), 5);
    let report = eval::evaluate_text(index, &corpus).unwrap();
    let f1 = report.overall.f1();
    assert!(
        f1 >= 0.95,
        "F1 {f1:.3} < 0.95; misses {:#?}, false hits {:#?}",
        report.misses,
        report.false_hits
    );
}

#[test]
fn every_gold_id_is_in_the_lexicon() {
    let lexicon = canonym::default_lexicon().unwrap();
    for doc in eval::load_corpus("seeds").unwrap() {
        for mention in &doc.gold {
            assert!(
                lexicon.get(&mention.id).is_some(),
                "{}: {} is not in the lexicon",
                doc.name,
                mention.id
            );
        }
    }
}

#[test]
fn all_overlaps_include_the_inner_names() {
    let index = canonym::default_index().unwrap();
    let text = "l'Alliance des États du Sahel";
    let mut tagger = Tagger::new(index);
    let longest: Vec<&str> = tagger.tag(text).unwrap().iter().map(|m| m.text).collect();
    assert_eq!(longest, ["Alliance des États du Sahel"]);
    tagger.overlaps(Overlaps::All);
    let all: Vec<&str> = tagger.tag(text).unwrap().iter().map(|m| m.text).collect();
    assert!(
        all.contains(&"Alliance des États du Sahel") && all.contains(&"Sahel"),
        "{all:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_slice_the_text_on_char_boundaries(text in "(\\PC|[ \n'’#-]|Mali|Kidal|FAMa|l'EIGS|Tin Zaouatine|جماعة|Alliance des États du Sahel \\(AES\\)){0,40}") {
        let index = canonym::default_index().unwrap();
        for overlaps in [Overlaps::Longest, Overlaps::All] {
            let mut tagger = Tagger::new(index);
            tagger.overlaps(overlaps);
            for m in tagger.tag(&text).unwrap() {
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                prop_assert_eq!(&text[m.start..m.end], m.text);
                prop_assert_eq!(text[..m.start].chars().count(), m.char_start);
                prop_assert_eq!(text[..m.end].chars().count(), m.char_end);
                prop_assert!(!m.candidates.is_empty());
            }
        }
    }
}

/// Descriptions only on request: the lexicon's description names and a noun with a country's
/// adjective, in lower case and in several languages, each mention saying it is one.
#[test]
fn descriptions_are_tagged_on_request() {
    let index = canonym::default_index().unwrap();
    let text = "Les soldats de l'armée malienne, la gendarmerie malienne et the Nigerien army ; \
                die malische Armee ; الجيش المالي ; police malienne à Gao.";
    assert_eq!(
        index
            .tag(text)
            .unwrap()
            .iter()
            .map(|m| m.text)
            .collect::<Vec<_>>(),
        ["Gao"]
    );
    assert_eq!(
        tagged_with_descriptions(index, text, true),
        [
            ("armée malienne", "org/fama", true),
            ("gendarmerie malienne", "org/mali-gendarmerie", true),
            ("Nigerien army", "org/niger-army", true),
            ("malische Armee", "org/fama", true),
            ("الجيش المالي", "org/fama", true),
            ("police malienne", "org/mali-police", true),
            ("Gao", "place/gao", false),
        ]
    );
}

/// A description of the lexicon that starts with a kind word (`cercle de Bankass`, `groupe
/// Wagner`) chooses the entity of the name after it, and that name is a mention, not a
/// description, with descriptions on or off (rule 5 of seeds/README.md: the kind word is left
/// out). A description whose words after the kind word name nothing (`groupe paramilitaire
/// russe`) leaves the name inside it to be found alone.
#[test]
fn a_kind_word_that_chooses_a_name_makes_no_description() {
    let index = canonym::default_index().unwrap();
    let text = "Dans le cercle de Bankass et le cercle de Bandiagara, le groupe Wagner et le \
                groupe paramilitaire russe Wagner.";
    let expected = [
        ("Bankass", "place/bankass-cercle", false),
        ("Bandiagara", "place/bandiagara-cercle", false),
        ("Wagner", "org/wagner", false),
        ("Wagner", "org/wagner", false),
    ];
    for on in [false, true] {
        assert_eq!(
            tagged_with_descriptions(index, text, on),
            expected,
            "descriptions {on}"
        );
    }
}

/// The mentions of `text` as (text, best ID, whether a description), descriptions `on` or
/// off.
fn tagged_with_descriptions<'i>(
    index: &'i canonym::Index<impl AsRef<[u8]>>,
    text: &'i str,
    on: bool,
) -> Vec<(&'i str, &'i str, bool)> {
    let mut tagger = Tagger::new(index);
    tagger.descriptions(on).unwrap();
    tagger
        .tag(text)
        .unwrap()
        .iter()
        .map(|m| (m.text, m.best().id, m.is_description()))
        .collect()
}

/// Each way the news tells whose body a description's noun is (rule 10 of seeds/README.md):
/// by a country's name after it, by a possessive or a noun before it, by words for the
/// country, or alone with an article in a text about one country; and the phrases that
/// describe no body of the index. Each case is (text, descriptions found as text and ID).
#[test]
fn descriptions_are_told_by_the_words_around_their_noun() {
    let index = canonym::default_index().unwrap();
    let mut tagger = Tagger::new(index);
    tagger.descriptions(true).unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        // a country's name after the noun
        (
            "Les soldats de l'armée du Niger.",
            &[("armée du Niger", "org/niger-army")],
        ),
        (
            "Армия Нигера заявила о потерях.",
            &[("Армия Нигера", "org/niger-army")],
        ),
        (
            "انتشر الجيش في النيجر.",
            &[("الجيش في النيجر", "org/niger-army")],
        ),
        (
            "Tropas do exército do Mali.",
            &[("exército do Mali", "org/fama")],
        ),
        (
            "El gobierno de transición de Malí anunció.",
            &[("gobierno de transición de Malí", "org/mali-government")],
        ),
        // a country's adjective in another language, or the country's name before the noun
        (
            "Die malische Übergangsregierung und Mali ordusu.",
            &[
                ("malische Übergangsregierung", "org/mali-government"),
                ("Mali ordusu", "org/fama"),
            ],
        ),
        (
            "Генеральный штаб Мали сообщил.",
            &[("Генеральный штаб Мали", "org/mali-general-staff")],
        ),
        // a country's name before it
        (
            "Niger's junta said on Monday.",
            &[("Niger's junta", "org/cnsp-niger")],
        ),
        (
            "The Burkina Faso junta said.",
            &[("Burkina Faso junta", "org/mpsr")],
        ),
        // words for the country, and the noun alone in a text about Niger
        (
            "Au Niger, la junte a parlé. Niamey, Zinder et l'armée du pays aussi.",
            &[
                ("junte", "org/cnsp-niger"),
                ("armée du pays", "org/niger-army"),
            ],
        ),
        (
            "In Niamey and Zinder, the country’s junta and the military said so.",
            &[
                ("country’s junta", "org/cnsp-niger"),
                ("military", "org/niger-army"),
            ],
        ),
        // an Arabic proclitic is left out, and the `ل` of `لل` stays for the article
        (
            "قال بالجيش المالي وللجيش المالي.",
            &[("الجيش المالي", "org/fama"), ("لجيش المالي", "org/fama")],
        ),
        // Russian case forms of the noun and of the adjective
        (
            "Он встретился с президентской гвардией Нигера и малийскими вооружёнными силами.",
            &[
                (
                    "президентской гвардией Нигера",
                    "org/niger-presidential-guard",
                ),
                ("малийскими вооружёнными силами", "org/fama"),
            ],
        ),
        // a relative pronoun is no adjective, nor a participle standing for a noun
        (
            "في النيجر ونيامي، قال رئيس الحرس الرئاسي الذي قام بالانقلاب.",
            &[("الحرس الرئاسي", "org/niger-presidential-guard")],
        ),
        (
            "В Нигере и Ниамее арестован командующий президентской гвардией.",
            &[("президентской гвардией", "org/niger-presidential-guard")],
        ),
        // another country's body, an adjective, an indefinite article, a time unknown
        ("Au Mali et à Gao, l'armée ivoirienne est partie.", &[]),
        ("В Мали и в Гао российская армия.", &[]),
        ("In Mali and Gao, the military chiefs met.", &[]),
        ("Au Mali et à Gao, une junte a pris le pouvoir.", &[]),
        ("La junte malienne a parlé.", &[]),
    ];
    for (text, expected) in cases {
        let found: Vec<(&str, &str)> = tagger
            .tag(text)
            .unwrap()
            .iter()
            .filter(|m| m.is_description())
            .map(|m| (m.text, m.best().id))
            .collect();
        assert_eq!(&found, expected, "{text}");
    }
}

/// A lower-case description noun and its country's name are common words even where they are
/// the body's full name (rule 4 of seeds/README.md): the name in them is the mention.
#[test]
fn a_description_written_as_a_full_name_in_lower_case_is_not_a_name() {
    let index = canonym::default_index().unwrap();
    let texts = |text: &str| -> Vec<String> {
        index
            .tag(text)
            .unwrap()
            .iter()
            .map(|m| m.text.to_string())
            .collect()
    };
    assert_eq!(texts("атаки на позиции вооружённых сил Мали"), ["Мали"]);
    assert_eq!(
        texts("Вооружённые силы Мали заявили"),
        ["Вооружённые силы Мали"]
    );
    assert_eq!(
        texts("la coordination des mouvements de l'azawad"),
        ["coordination des mouvements de l'azawad"]
    );
}

/// A mention found short of the name the text writes, or over a title's last word, is
/// fitted to the name: the words beside it that are words of the entity's names (or one edit
/// from one) join it, and a title's word leaves it; not an article, nor, in German, any noun.
#[test]
fn mentions_are_fitted_to_the_names_written() {
    let index = canonym::default_index().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        (
            "Le président Roch March Christian Kaboré a parlé.",
            "Roch March Christian Kaboré",
            "person/roch-marc-christian-kabore",
        ),
        (
            "Le gouvernement Kyélem de Tambèla est formé.",
            "Kyélem de Tambèla",
            "person/apollinaire-kyelem-de-tambela",
        ),
        (
            "Le Général de Division Salifou Modi est nommé.",
            "Salifou Modi",
            "person/salifou-mody",
        ),
        (
            "On Monday the fighters of Jama’at Nusrat al-Islam wa’l-Muslimin attacked the camp.",
            "Jama’at Nusrat al-Islam wa’l-Muslimin",
            "group/jnim",
        ),
        (
            "Depuis 2013, La Mission multidimensionnelle intégrée des Nations unies pour la \
             stabilisation au Mali est là.",
            "Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali",
            "org/minusma",
        ),
    ];
    for (text, name, id) in cases {
        let mentions = index.tag(text).unwrap();
        assert!(
            mentions
                .iter()
                .any(|m| m.text == *name && m.best().id == *id),
            "{text}: {:?}",
            mentions
                .iter()
                .map(|m| (m.text, m.best().id))
                .collect::<Vec<_>>()
        );
    }
}
