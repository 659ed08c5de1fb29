//! The meanings of the common words of organizations' and places' names, in the languages
//! of the news.
//!
//! A name is often translated word by word: `Confederazione degli Stati del Sahel` is the
//! lexicon's `Confederation of Sahel States` with each common word in Italian, and
//! `Nationaal Comité voor het Heil van het Volk` is `Comité national pour le salut du peuple`
//! in Dutch. The token layer compares such words by what they mean (a [`Concept`]), and every
//! other word (`Sahel`, `Azawad`, `Wagner`) as written.
//!
//! Each meaning lists its words in the languages of the news, folded (the tables below);
//! Arabic-script words are listed without the article and the proclitics, which are added
//! here. A word that is not listed but differs from a listed one only in its last letters
//! (`Islamskim`, `Sahelu`) has the listed word's meaning: the languages without a stemmer
//! here decline these words too.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A meaning of common words, across languages (an entry of [`CONCEPTS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Concept(u16);

impl Concept {
    /// Every meaning listed.
    pub(crate) fn all() -> impl Iterator<Item = Concept> {
        (0..CONCEPTS.len()).map(|i| Concept(i as u16))
    }

    /// The meaning's place among [`Concept::all`].
    pub(crate) fn number(self) -> usize {
        usize::from(self.0)
    }

    /// The meaning's name, in English (`council`).
    pub(crate) fn name(self) -> &'static str {
        CONCEPTS[usize::from(self.0)].0
    }

    /// The words that say it, in the token layer's form (see `normalize::token_key`).
    pub(crate) fn forms(self) -> &'static [String] {
        &glossary().forms[usize::from(self.0)]
    }

    /// Whether the meaning only says what kind of thing, or where, a name names (a kind
    /// word's or a cardinal point's: `région`, `ouest`; see `lang::is_generic_word`).
    pub(crate) fn is_generic(self) -> bool {
        glossary().generic[usize::from(self.0)]
    }
}

/// The meaning of a word in the token layer's form, if it is one of the common words listed
/// here, or differs from one only in an ending (see [`ENDING_LETTERS`]).
pub(crate) fn concept_of(token: &str) -> Option<Concept> {
    let glossary = glossary();
    if let Some(&concept) = glossary.exact.get(token) {
        return Some(concept);
    }
    let letters = token.chars().count();
    if letters < MIN_DECLINED_FORM {
        return None;
    }
    let head_end = token
        .char_indices()
        .nth(STEM_HEAD)
        .map_or(token.len(), |(i, _)| i);
    let mut best: Option<(usize, Concept)> = None;
    let mut tied = false;
    for (form, form_letters, concept) in glossary.by_head.get(&token[..head_end])? {
        let shared = token
            .chars()
            .zip(form.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let fits = *form_letters >= MIN_DECLINED_FORM
            && shared + ENDING_LETTERS >= *form_letters
            && shared + ENDING_LETTERS >= letters
            && letters <= form_letters + LONGER_BY;
        if !fits {
            continue;
        }
        match best {
            Some((longest, other)) if shared == longest && other != *concept => tied = true,
            Some((longest, _)) if shared <= longest => {}
            _ => {
                best = Some((shared, *concept));
                tied = false;
            }
        }
    }
    // Two meanings as near (`unit` and `union` for `uni...`) say neither.
    best.filter(|_| !tied).map(|(_, concept)| concept)
}

/// How many letters at its end a word may have other than a listed word's, and still mean
/// the same (`państwem` for `państwo`, `strategicznych` for `strategiczne`): a case ending.
const ENDING_LETTERS: usize = 3;

/// How many letters longer than a listed word a word may be and still be its case: more is
/// another word made from it (`sahélien` of `Sahel`).
const LONGER_BY: usize = 2;

/// The shortest word, and the shortest listed word, read through an ending: a short word's
/// last letters are too much of it (`state` is not `stati`'s case).
const MIN_DECLINED_FORM: usize = 5;

/// How many first letters a word shares with a listed word, at least, to be read as its case
/// (the key the listed words are found by).
const STEM_HEAD: usize = 4;

struct Glossary {
    exact: HashMap<String, Concept>,
    /// The listed words of five letters or more by their first four, each with its length in
    /// letters.
    by_head: HashMap<String, Vec<(String, usize, Concept)>>,
    forms: Vec<Vec<String>>,
    generic: Vec<bool>,
}

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        let mut glossary = Glossary {
            exact: HashMap::new(),
            by_head: HashMap::new(),
            forms: Vec::with_capacity(CONCEPTS.len()),
            generic: Vec::with_capacity(CONCEPTS.len()),
        };
        for (i, (_, words)) in CONCEPTS.iter().enumerate() {
            let concept = Concept(u16::try_from(i).expect("fewer than 65536 concepts"));
            let mut forms: Vec<String> = Vec::new();
            for written in words.iter().flat_map(|w| with_arabic_clitics(w)) {
                for form in super::tokens(&super::token_key(&written)) {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
            }
            for form in &forms {
                // The first meaning listed keeps a word (a test sees that none is listed twice).
                glossary.exact.entry(form.clone()).or_insert(concept);
                let head: String = form.chars().take(STEM_HEAD).collect();
                let letters = form.chars().count();
                if letters >= MIN_DECLINED_FORM {
                    let listed = glossary.by_head.entry(head).or_default();
                    listed.push((form.clone(), letters, concept));
                }
            }
            glossary
                .generic
                .push(forms.iter().any(|f| super::lang::is_generic_word(f)));
            glossary.forms.push(forms);
        }
        glossary
    })
}

/// An Arabic-script word as it may be written in a name: alone, with the article, and after
/// the proclitics that join a name's words (`و` "and", `ل` "for", `ب` "by", with the
/// article: `وال`, `لل`, `بال`).
fn with_arabic_clitics(word: &str) -> Vec<String> {
    let arabic = word.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c));
    if !arabic {
        return vec![word.to_string()];
    }
    ["", "ال", "وال", "لل", "بال", "و", "ل", "ب"]
        .iter()
        .map(|clitic| format!("{clitic}{word}"))
        .collect()
}

/// The meanings, each with its words: French, English, Spanish, Portuguese, Italian, German,
/// Dutch, Russian (the token layer stems Cyrillic words, so one form of each will do),
/// Arabic, Persian, Turkish, Polish, Czech, Serbo-Croatian and Indonesian where they are
/// other words. A word's case forms are listed where they differ by more than an ending (see
/// [`concept_of`]). Where two meanings are translated by one another (`joint` and `unified`
/// forces, `states` and `countries` of an alliance), they are one meaning here.
#[rustfmt::skip] // one meaning a paragraph, its words packed: a glossary, not code
const CONCEPTS: &[(&str, &[&str])] = &[
    ("africa", &[
        "afrique", "africain", "africaine", "africains", "africa", "african", "áfrica", "africana",
        "africano", "africanas", "africanos", "africane", "africani", "afrika", "afrikanische",
        "afrikanischen", "afrikaanse", "африка", "африканский", "африканская", "африканского",
        "افريقيا", "أفريقيا", "إفريقيا", "افريقي", "أفريقي", "إفريقي", "افريقية", "أفريقية",
        "إفريقية", "آفریقا", "آفریقایی", "afryka", "afryki", "afrykańska", "afrykański",
        "afrykańskiego", "afrička", "africká",
    ]),
    ("alliance", &[
        "alliance", "alliances", "alianza", "aliança", "alleanza", "allianz", "alliantie",
        "альянс", "تحالف", "ائتلاف", "ittifak", "ittifakı", "sojusz", "savez", "aliansi",
    ]),
    ("armed", &[
        "armées", "armés", "armé", "armed", "armadas", "armados", "armada", "armado", "armate",
        "armati", "bewaffnete", "bewaffneten", "gewapende", "вооруженные", "مسلح", "مسلحة",
        "مسلحه", "silahlı", "zbrojne", "zbrojnych", "ozbrojené", "oružane", "oružanih",
        "oborožene", "bersenjata",
    ]),
    ("army", &[
        "armée", "army", "ejército", "exército", "esercito", "armee", "leger", "армия", "جيش",
        "ارتش", "ordu", "ordusu", "armia", "armii", "vojska", "vojske", "tentara",
    ]),
    ("battalion", &[
        "bataillon", "bataillons", "battalion", "battalions", "batallón", "batallones", "batalhão",
        "battaglione", "bataljon", "батальон", "katiba", "katibat", "كتيبة", "گردان", "tabur",
        "taburu", "batalion", "bataljun",
    ]),
    ("coordination", &[
        "coordination", "coordinación", "coordinadora", "coordenação", "coordinamento",
        "koordination", "coördinatie", "координация", "تنسيقية", "تنسيق", "هماهنگی",
        "koordinasyon", "koordinasyonu", "koordynacja", "koordynacji", "koordinace",
        "koordinacija", "koordinasi",
    ]),
    ("command", &[
        "commandement", "command", "comando", "mando", "kommando", "commando", "командование",
        "قيادة", "فرماندهی", "komutanlığı", "komutanlık", "dowództwo", "velitelství",
        "zapovjedništvo", "komando",
    ]),
    ("committee", &[
        "comité", "committee", "comitê", "comitato", "komitee", "komitet", "комитет", "لجنة",
        "کمیته", "komite", "komitesi", "výbor", "odbor",
    ]),
    ("community", &[
        "communauté", "community", "comunidad", "comunidade", "comunità", "gemeinschaft",
        "gemeenschap", "сообщество", "جامعه", "topluluk", "topluluğu", "wspólnota", "wspólnoty",
        "společenství", "zajednica", "zajednice", "komunitas",
    ]),
    ("confederation", &[
        "confédération", "confédéral", "confédérale", "confederation", "confederal",
        "confederación", "confederação", "confederazione", "konföderation", "confederatie",
        "конфедерация", "كونفدرالية", "کنفدراسیون", "konfederasyon", "konfederasyonu",
        "konfederacja", "konfederacji", "konfederace", "konfederacija", "konfederasi",
    ]),
    ("corps", &[
        "corps", "cuerpo", "corpo", "korps", "корпус", "فيلق", "سپاه", "kolordu", "kolordusu",
        "korpus", "korpusu", "sbor", "korpusa",
    ]),
    ("council", &[
        "conseil", "council", "consejo", "conselho", "consiglio", "rat", "raad", "совет", "рада",
        "مجلس", "شورا", "شورای", "konsey", "konseyi", "rady", "vijeće", "majalisar", "dewan",
    ]),
    ("defence", &[
        "défense", "defence", "defensa", "defesa", "difesa", "verteidigung", "verdediging",
        "оборона", "دفاع", "savunma", "savunması", "obrona", "obrony", "obrana", "odbrana",
        "odbrane", "pertahanan",
    ]),
    ("democracy", &[
        "démocratie", "démocratique", "democracy", "democratic", "democracia", "democrático",
        "democrática", "democrazia", "democratico", "democratica", "demokratie", "demokratische",
        "democratie", "democratische", "демократия", "демократический", "ديمقراطية", "ديمقراطي",
        "دموکراسی", "دموکراتیک", "demokrasi", "demokratik", "demokracja", "demokracji",
        "demokratyczny", "demokratyczna", "demokracie", "demokratická", "demokracija",
        "demokratska",
    ]),
    ("development", &[
        "développement", "development", "desarrollo", "desenvolvimento", "sviluppo", "entwicklung",
        "ontwikkeling", "развитие", "تنمية", "توسعه", "kalkınma", "kalkınması", "rozwój",
        "rozwoju", "rozvoj", "razvoj", "razvoja", "pembangunan",
    ]),
    ("economic", &[
        "économique", "economic", "económica", "económico", "econômica", "econômico", "economica",
        "economico", "wirtschaftliche", "economische", "экономическое", "اقتصادية", "اقتصادی",
        "ekonomik", "gospodarcza", "gospodarczej", "ekonomická", "ekonomska", "ekonomske",
        "ekonomi",
    ]),
    ("europe", &[
        "europe", "européen", "européenne", "european", "europa", "europea", "europeo",
        "europäische", "europäischen", "europese", "европа", "европейский", "أوروبا", "أوروبي",
        "الأوروبي", "أوروبية", "اروپا", "اروپایی", "avrupa", "europejska", "europejskiej",
        "evropská", "europska", "eropa",
    ]),
    ("forces", &[
        "force", "forces", "fuerza", "fuerzas", "força", "forças", "forza", "forze",
        "streitkräfte", "kräfte", "krijgsmacht", "strijdkrachten", "силы", "сила", "قوات", "قوة",
        "نیرو", "نیروی", "نیروهای", "kuvvet", "kuvvetleri", "kuvvetler", "siły", "sił", "síly",
        "snage", "snaga", "sile", "pasukan", "angkatan",
    ]),
    ("framework", &[
        "cadre", "framework", "marco", "quadro", "rahmen", "kader", "рамка", "إطار", "اطار",
        "چارچوب", "çerçeve", "çerçevesi", "ramy", "rámec", "okvir", "kerangka",
    ]),
    ("front", &[
        "front", "frente", "fronte", "фронт", "جبهة", "جبهه", "cephe", "cephesi", "fronta",
    ]),
    ("gendarmerie", &[
        "gendarmerie", "gendarmería", "gendarmaria", "gendarmeria", "жандармерия", "درك",
        "ژاندارمری", "jandarma", "jandarması", "żandarmeria", "žandarmerie", "žandarmerija",
    ]),
    ("government", &[
        "gouvernement", "government", "gobierno", "governo", "regierung", "regering",
        "правительство", "حكومة", "hükümet", "hükümeti", "rząd", "rządu", "vláda", "vlada",
        "pemerintah",
    ]),
    ("greater", &[
        "grand", "grande", "greater", "great", "gran", "groß", "große", "größere", "größeren",
        "grote", "большой", "большая", "كبير", "كبرى", "بزرگ", "büyük", "wielki", "wielka",
        "velký", "veliki", "besar",
    ]),
    ("group", &[
        "groupe", "group", "grupo", "gruppo", "gruppe", "grup", "grubu", "группа", "група",
        "مجموعة", "گروه", "grupa", "grupy", "skupina", "kelompok",
    ]),
    ("guard", &[
        "garde", "guard", "guardia", "guarda", "гвардия", "حرس", "گارد", "muhafız", "muhafızları",
        "gwardia", "gwardii", "garda",
    ]),
    ("high", &[
        "haut", "haute", "high", "alto", "hoher", "hohe", "hoog", "высокий", "высший", "supérieur",
        "supérieure", "superior", "supreme", "suprême", "supremo", "suprema", "superiore",
        "oberster", "oberste", "hoogste", "верховный", "yüksek", "wysoki", "wysoka", "najwyższa",
        "visoki", "tinggi",
    ]),
    ("homeland", &[
        "patrie", "homeland", "fatherland", "motherland", "patria", "pátria", "vaterland",
        "vaterlandes", "heimat", "vaderland", "родина", "батьківщина", "وطن", "میهن", "vatan",
        "anavatan", "ojczyzna", "ojczyzny", "vlast", "domovina", "domovine",
    ]),
    ("hunters", &[
        "chasseurs", "hunters", "cazadores", "caçadores", "cacciatori", "jäger", "jagers",
        "охотники", "صيادين", "شکارچیان", "avcılar", "myśliwi", "myśliwych", "lovci", "pemburu",
    ]),
    ("intelligence", &[
        "renseignement", "renseignements", "intelligence", "inteligencia", "inteligência",
        "nachrichtendienst", "inlichtingendienst", "разведка", "استخبارات", "مخابرات", "اطلاعات",
        "istihbarat", "wywiad", "wywiadu", "rozvědka", "obavještajna", "intelijen",
    ]),
    ("intervention", &[
        "intervention", "intervención", "intervenção", "intervento", "interventie", "تدخل",
        "مداخله", "müdahale", "interwencji", "interwencyjne", "intervencija",
    ]),
    ("international", &[
        "international", "internationale", "internationaux", "internacional", "internazionale",
        "internationaal", "международный", "международная", "دولي", "دولية", "بین‌المللی",
        "uluslararası", "międzynarodowe", "międzynarodowy", "mezinárodní", "međunarodni",
        "internasional",
    ]),
    ("islam", &[
        "islam", "islamique", "islamiques", "islamic", "islámico", "islámica", "islâmico",
        "islâmica", "islamico", "islamica", "islamischer", "islamische", "islamischen",
        "islamitische", "ислам", "исламское", "исламский", "إسلام", "اسلام", "إسلامية", "اسلامية",
        "إسلامي", "اسلامي", "اسلامی", "islamskie", "islamski", "islamska", "islámský", "islámské",
        "islamiyah",
    ]),
    ("jihad", &[
        "jihad", "djihad", "yihad", "dschihad", "джихад", "جهاد", "cihat", "dżihad", "džihád",
        "džihad",
    ]),
    ("joint", &[
        "conjointe", "conjoint", "unifiée", "unifié", "joint", "unified", "conjunta", "conjunto",
        "unificada", "unificado", "congiunta", "congiunto", "unificata", "unificato", "gemeinsame",
        "gemeinsamen", "gezamenlijke", "совместные", "مشتركة", "موحدة", "مشترک", "ortak",
        "birleşik", "wspólne", "zjednoczone", "společné", "zajedničke", "gabungan",
    ]),
    ("lake", &[
        "lac", "lake", "lago", "see", "meer", "озеро", "بحيرة", "دریاچه", "göl", "gölü", "jezioro",
        "jeziora", "jezero", "danau",
    ]),
    ("liberation", &[
        "libération", "liberation", "liberación", "libertação", "liberazione", "befreiung",
        "bevrijding", "освобождение", "تحرير", "آزادی", "آزادسازی", "kurtuluş", "wyzwolenia",
        "wyzwolenie", "osvobození", "oslobođenje", "oslobodjenje", "pembebasan",
    ]),
    ("military", &[
        "militaire", "militaires", "military", "militar", "militares", "militare", "militari",
        "militärische", "militär", "militair", "военный", "военная", "عسكري", "عسكرية", "نظامی",
        "askeri", "wojskowy", "wojskowa", "wojskowej", "vojenský", "vojni", "militer",
    ]),
    ("ministry", &[
        "ministère", "ministry", "ministerio", "ministério", "ministero", "ministerium",
        "ministerie", "министерство", "وزارة", "وزارت", "bakanlığı", "bakanlık", "ministerstwo",
        "ministerstwa", "ministarstvo", "kementerian",
    ]),
    ("mission", &[
        "mission", "misión", "missão", "missione", "missie", "миссия", "بعثة", "مأموریت",
        "ماموریت", "misyon", "misyonu", "misja", "misji", "mise", "misija", "misi",
    ]),
    ("movement", &[
        "mouvement", "mouvements", "movement", "movements", "movimiento", "movimientos",
        "movimento", "movimentos", "movimenti", "bewegung", "beweging", "движение", "حركة", "جنبش",
        "hareket", "hareketi", "ruch", "ruchu", "hnutí", "pokret", "gerakan",
    ]),
    ("muslims", &[
        "musulmans", "muslims", "musulmanes", "musulmanos", "muçulmanos", "musulmani", "muslime",
        "moslims", "мусульмане", "مسلمين", "مسلمانان", "müslümanlar", "muzułmanów", "muslimani",
    ]),
    ("national", &[
        "national", "nationale", "nationaux", "nationales", "nacional", "nacionales", "nazionale",
        "nazionali", "nationaler", "nationalen", "nationaal", "национальный", "національна",
        "وطني", "وطنية", "قومي", "ملی", "milli", "ulusal", "narodowy", "narodowa", "narodowe",
        "narodowej", "narodowego", "národní", "nacionalni", "nacionalna", "nasional",
    ]),
    ("nations", &[
        "nations", "naciones", "nações", "nazioni", "nationen", "naties", "наций", "أمم", "امم",
        "ملل", "milletler", "narodów", "národů", "nacija",
    ]),
    ("operation", &[
        "opération", "opérations", "operation", "operations", "operación", "operaciones",
        "operação", "operações", "operazione", "operazioni", "operatie", "операция", "عملية",
        "عملیات", "operasyon", "operasyonu", "operacja", "operacji", "operace", "operacija",
        "operasi",
    ]),
    ("organization", &[
        "organisation", "organization", "organización", "organização", "organizzazione",
        "organisatie", "организация", "تنظيم", "منظمة", "سازمان", "örgüt", "örgütü", "organizacja",
        "organizace", "organizacija", "organisasi",
    ]),
    ("patriotic", &[
        "patriotique", "patriotic", "patriótico", "patriótica", "patriottico", "patriottica",
        "patriotische", "patriottische", "патриотический", "میهنی", "vatansever", "patriotyczny",
        "patriotyczne", "patriotska", "patriotski",
    ]),
    ("peace", &[
        "paix", "peace", "paz", "pace", "frieden", "vrede", "мир", "صلح", "barış", "barışı",
        "pokój", "pokoju", "mír", "mira", "perdamaian",
    ]),
    ("people", &[
        "peuple", "peuples", "people", "peoples", "pueblo", "pueblos", "povo", "povos", "popolo",
        "popoli", "volk", "volkes", "völker", "народ", "شعب", "مردم", "خلق", "halk", "halkı",
        "halkın", "halkları", "lud", "ludu", "narod", "naroda", "lid", "lidu", "rakyat",
    ]),
    ("permanent", &[
        "permanent", "permanente", "permanenter", "permanenten", "постоянная", "دائم", "دائمي",
        "دائمی", "daimi", "kalıcı", "stałe", "stały", "stálý", "stalni", "trajni", "tetap",
    ]),
    ("platform", &[
        "plateforme", "platform", "plataforma", "piattaforma", "plattform", "платформа", "منصة",
        "پلتفرم", "platformu", "platforma", "platformy",
    ]),
    ("police", &[
        "police", "policía", "polícia", "polizia", "polizei", "politie", "полиция", "شرطة", "پلیس",
        "polis", "polisi", "policja", "policji", "policie", "policija",
    ]),
    ("presidential", &[
        "présidentielle", "présidentiel", "presidential", "presidencial", "presidenziale",
        "presidentiële", "президентская", "رئاسي", "رئاسية", "cumhurbaşkanlığı", "prezydencka",
        "prezydenckiej", "predsjednička", "kepresidenan",
    ]),
    ("progress", &[
        "progrès", "progress", "progreso", "progresso", "fortschritt", "vooruitgang", "прогресс",
        "تقدم", "پیشرفت", "ilerleme", "postęp", "postępu", "pokrok", "napredak", "kemajuan",
    ]),
    ("province", &[
        "province", "provincia", "província", "provinz", "provincie", "провинция", "prowincja",
        "prowincji", "provincija",
    ]),
    ("rapid", &[
        "rapide", "rapides", "rapid", "rápida", "rápido", "rapida", "rapido", "schnelle", "snelle",
        "быстрого", "سريع", "سريعة", "hızlı", "szybkiego", "szybkie", "rychlé", "brze", "cepat",
    ]),
    ("radio", &[
        "radio", "راديو", "إذاعة", "رادیو", "rádio", "radyo", "radiu", "radiem",
    ]),
    ("region", &[
        "région", "region", "región", "região", "regione", "регион", "область", "منطقة", "إقليم",
        "منطقه", "bölge", "bölgesi", "regionu", "regija", "wilayah",
    ]),
    ("resistance", &[
        "résistance", "resistance", "resistencia", "resistência", "resistenza", "widerstand",
        "verzet", "сопротивление", "مقاومة", "مقاومت", "direniş", "odpor", "otpor", "perlawanan",
    ]),
    ("restoration", &[
        "restauration", "restoration", "restauración", "restauração", "restaurazione",
        "wiederherstellung", "herstel", "восстановление", "استعادة", "بازسازی", "obnova", "obnovu",
    ]),
    ("river", &[
        "fleuve", "rivière", "river", "río", "rio", "fiume", "fluss", "rivier", "река", "نهر",
        "رود", "nehir", "nehri", "rzeka", "rzeki", "řeka", "rijeka", "sungai",
    ]),
    ("safeguard", &[
        "salut", "sauvegarde", "salvation", "safeguard", "safeguarding", "protection", "salvación",
        "salvaguardia", "salvaguarda", "salvação", "salvezza", "protección", "proteção",
        "protezione", "rettung", "heil", "schutz", "redding", "bescherming", "спасение", "защита",
        "انقاذ", "إنقاذ", "حماية", "نجات", "kurtarma", "koruma", "ocalenia", "ratowania",
        "ochrony", "ochrona", "zbawienia", "spas", "spasa", "zaštitu", "zaštite", "penyelamatan",
    ]),
    ("sahara", &[
        "sahara", "sáhara", "saara", "сахара", "صحراء", "صحرا", "sahra", "sahary",
    ]),
    ("sahel", &[
        "sahel", "сахель", "ساحل", "sahelskie",
    ]),
    ("security", &[
        "sécurité", "security", "seguridad", "segurança", "sicurezza", "sicherheit", "veiligheid",
        "безопасность", "امنیت", "güvenlik", "güvenliği", "bezpieczeństwo", "bezpieczeństwa",
        "bezpečnost", "sigurnost", "sigurnosti", "keamanan",
    ]),
    ("special", &[
        "spéciale", "spéciales", "spécial", "spéciaux", "special", "especial", "especiales",
        "especiais", "speciale", "speciali", "spezial", "специальные", "خاصة", "ویژه", "özel",
        "specjalne", "specjalnych", "speciální", "specijalne", "khusus",
    ]),
    ("stabilization", &[
        "stabilisation", "stabilization", "estabilización", "estabilização", "stabilizzazione",
        "stabilisierung", "stabilisatie", "стабилизация", "استقرار", "تثبیت", "istikrar",
        "stabilizacji", "stabilizace", "stabilizacija", "stabilisasi",
    ]),
    ("state", &[
        "état", "états", "state", "states", "estado", "estados", "stato", "stati", "staat",
        "staaten", "staten", "государство", "دولة", "دول", "دولت", "devlet", "devleti",
        "devletleri", "devletler", "państwo", "państwa", "państw", "států", "država", "države",
        "držav", "negara", "pays", "country", "countries", "país", "países", "paese", "paesi",
        "länder", "страна", "بلدان", "ülke", "ülkeler", "ülkeleri", "kraj", "krajów", "کشور",
        "کشورهای",
    ]),
    ("strategic", &[
        "stratégique", "strategic", "estratégico", "estratégica", "strategico", "strategica",
        "strategisch", "strategische", "strategischer", "strategischen", "стратегическая",
        "стратегический", "استراتيجي", "إستراتيجي", "راهبردی", "استراتژیک", "stratejik",
        "strategiczne", "strategiczny", "strategické", "strateški", "strategis",
    ]),
    ("support", &[
        "soutien", "support", "apoyo", "apoio", "sostegno", "supporto", "unterstützung", "steun",
        "поддержка", "دعم", "حمایت", "destek", "wsparcia", "wsparcie", "podpora", "podrška",
        "dukungan",
    ]),
    ("television", &[
        "télévision", "television", "televisión", "televisão", "televisione", "fernsehen",
        "televisie", "телевидение", "تلفزيون", "تلویزیون", "televizyon", "televizyonu",
        "telewizja", "telewizji", "televize", "televizija", "televisi",
    ]),
    ("town", &[
        "ville", "town", "city", "ciudad", "città", "cidade", "stadt", "stad", "город", "مدينة",
        "شهر", "kent", "kenti", "şehir", "şehri", "miasto", "miasta", "město", "grad", "kota",
    ]),
    ("training", &[
        "formation", "training", "entrenamiento", "formación", "formação", "addestramento",
        "formazione", "ausbildung", "opleiding", "подготовка", "تدريب", "آموزش", "eğitim",
        "szkoleniowa", "szkolenia", "výcviková", "obuke", "pelatihan",
    ]),
    ("transition", &[
        "transition", "transitional", "transición", "transicional", "transição", "transizione",
        "transitorio", "overgang", "переходный", "انتقالي", "انتقالية", "انتقالی", "geçiş",
        "przejściowy", "przejściowa", "tranzicijsko",
    ]),
    ("union", &[
        "union", "unión", "união", "unione", "unie", "союз", "اتحاد", "birlik", "birliği", "unia",
        "unii", "unija", "unije",
    ]),
    ("unit", &[
        "unité", "unités", "unit", "units", "unidad", "unidades", "unidade", "unità", "einheit",
        "einheiten", "eenheid", "подразделение", "وحدة", "یگان", "birim", "jednostka", "jednostki",
        "jednotka", "jedinica",
    ]),
    ("united", &[
        "unies", "united", "unidas", "vereinten", "verenigde", "объединенных", "متحدة", "متحد",
        "birleşmiş", "zjednoczonych", "spojených", "ujedinjenih", "perserikatan",
    ]),
    ("unity", &[
        "unicité", "unity", "oneness", "monotheism", "unicidad", "unicità", "unicidade",
        "единство", "توحيد", "وحدت", "tevhid", "jedności", "jedność", "jednota", "jedinstvo",
        "tauhid",
    ]),
    ("volunteers", &[
        "volontaires", "volunteers", "voluntarios", "voluntários", "volontari", "freiwillige",
        "freiwilligen", "vrijwilligers", "добровольцы", "متطوعين", "متطوعو", "داوطلبان",
        "gönüllüler", "gönüllüleri", "ochotnicy", "dobrovolníci", "dobrovoljci", "sukarelawan",
    ]),
    ("west", &[
        "ouest", "west", "occidental", "occidentale", "occidentales", "oeste", "ovest", "westen",
        "западная", "غرب", "غربي", "غربية", "باختری", "batı", "zachodnia", "zachodniej", "západní",
        "zapadne", "zapadna", "barat",
    ]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{lang, token_key, tokens};

    #[test]
    fn no_word_has_two_meanings_nor_is_a_function_word() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut faults = Vec::new();
        for (i, (name, _)) in CONCEPTS.iter().enumerate() {
            let concept = Concept(i as u16);
            assert_eq!(concept.name(), *name);
            for form in concept.forms() {
                if let Some(other) = seen.insert(form.clone(), name) {
                    faults.push(format!("`{form}` means both {other} and {name}"));
                }
                if lang::is_function_word(form) {
                    faults.push(format!("`{form}` of {name} is a function word"));
                }
            }
        }
        assert!(faults.is_empty(), "{faults:#?}");
    }

    #[test]
    fn every_listed_word_is_one_word() {
        for (name, words) in CONCEPTS {
            for word in *words {
                let key = token_key(word);
                assert_eq!(tokens(&key).len(), 1, "`{word}` of {name} is `{key}`");
            }
        }
    }

    fn meaning(word: &str) -> Option<&'static str> {
        let token = tokens(&token_key(word)).pop()?;
        concept_of(&token).map(Concept::name)
    }

    #[test]
    fn words_are_read_by_meaning_in_every_script_and_case() {
        for (word, expected) in [
            ("Consiglio", "council"),
            ("совета", "council"),
            ("Национального", "national"),
            ("المجلس", "council"),
            ("للإنقاذ", "safeguard"),
            ("Państwem", "state"),
            ("Islamskim", "islam"),
            ("Sahelu", "sahel"),
            ("strategicznych", "strategic"),
            ("Bezpieczeństwa", "security"),
            ("Estados", "state"),
            ("Paesi", "state"),
            ("Heil", "safeguard"),
        ] {
            assert_eq!(meaning(word), Some(expected), "{word}");
        }
    }

    #[test]
    fn other_words_have_no_meaning_here() {
        for word in [
            "Sahelien", "Kidal", "Goïta", "Wagner", "stat", "Azawad", "Bamako",
        ] {
            assert_eq!(meaning(word), None, "{word}");
        }
    }

    #[test]
    fn kind_words_and_cardinal_points_are_generic_meanings() {
        for word in ["regione", "Gruppo", "ouest", "fleuve"] {
            let token = tokens(&token_key(word)).pop().unwrap();
            assert!(concept_of(&token).unwrap().is_generic(), "{word}");
        }
        let token = tokens(&token_key("conseil")).pop().unwrap();
        assert!(!concept_of(&token).unwrap().is_generic());
    }
}
