//! Checks on single field values and on links between entities.
//!
//! Field checks return the message to show at the field; they are plain functions so the
//! parser can run all of them and report every problem.

use std::collections::HashMap;

use super::Entity;
use crate::error::Diagnostic;

/// `kind-prefix/slug`: the slug is lowercase ASCII words joined by single hyphens.
pub(super) fn id_syntax(id: &str) -> Result<(), String> {
    let Some((_, slug)) = id.split_once('/') else {
        return Err(format!(
            "ID '{id}' needs a kind prefix and a slug, e.g. 'place/kidal'"
        ));
    };
    slug_words(slug).map_err(|why| format!("ID '{id}': {why}"))
}

/// A lowercase ASCII slug such as `armed-group`.
pub(super) fn slug(value: &str) -> Result<(), String> {
    slug_words(value).map_err(|why| format!("'{value}': {why}"))
}

fn slug_words(slug: &str) -> Result<(), String> {
    let ok = !slug.is_empty()
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err("use lowercase ASCII letters and digits, words joined by single hyphens".into())
    }
}

/// Not empty, not only whitespace, no whitespace at either end, no control characters.
pub(crate) fn trimmed_text(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("empty or whitespace-only text".into());
    }
    if text.trim() != text {
        return Err(format!("'{text}' has leading or trailing whitespace"));
    }
    if text.chars().any(char::is_control) {
        return Err(format!(
            "'{}' contains control characters",
            crate::printable::Printable::line(text)
        ));
    }
    Ok(())
}

/// The longest name, in bytes. The longest official names run to two hundred; a longer text
/// is not a name but a paragraph pasted in, and would cost its length in the index's keys
/// (each at most `index::format::MAX_KEY_LEN`).
pub const MAX_NAME_LEN: usize = 1000;

/// The text of a name: at most [`MAX_NAME_LEN`] bytes, trimmed, as [`trimmed_text`], and with
/// something left after folding (a name of nothing but punctuation would have no folded key,
/// and could never be found).
pub(crate) fn name_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_NAME_LEN {
        let start: String = text.chars().take(40).collect();
        return Err(format!(
            "a name of {} bytes ('{}...'): a name has at most {MAX_NAME_LEN}",
            text.len(),
            crate::printable::Printable::line(&start)
        ));
    }
    trimmed_text(text)?;
    // A letter or digit always survives folding; only otherwise is folding worth running.
    if !text.chars().any(char::is_alphanumeric) && crate::normalize::folded(text).is_empty() {
        return Err(format!(
            "'{text}' is only punctuation: nothing is left to look up"
        ));
    }
    Ok(())
}

/// A well-formed BCP 47 tag in its canonical case: `fr`, `ar`, `tmh`, `en-GB`, `sr-Latn`,
/// `und`. Private-use and grandfathered tags are not accepted.
pub(crate) fn language_tag(tag: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("malformed language tag '{tag}': {why}"));
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
        return bad("the language is 2 or 3 lowercase letters (fr, en, ar, tmh)");
    }
    let mut stage = 0; // 1 after a script, 2 after a region, 3 in variants
    for subtag in subtags {
        let len = subtag.len();
        let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = subtag.bytes().all(|b| b.is_ascii_digit());
        if stage < 1 && len == 4 && alpha {
            let mut chars = subtag.chars();
            let title = chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_lowercase());
            if !title {
                return bad("a script subtag is written in title case (Latn, Arab)");
            }
            stage = 1;
        } else if stage < 2 && ((len == 2 && alpha) || (len == 3 && digits)) {
            if alpha && !subtag.bytes().all(|b| b.is_ascii_uppercase()) {
                return bad("a region subtag is written in uppercase (GB, ML)");
            }
            stage = 2;
        } else if (5..=8).contains(&len)
            && subtag
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            || len == 4 && subtag.as_bytes()[0].is_ascii_digit()
        {
            stage = 3;
        } else {
            return bad(&format!("unexpected subtag '{subtag}'"));
        }
    }
    Ok(())
}

/// An ISO 15924 script code in title case: `Arab`, `Cyrl`, `Tfng`.
pub(super) fn script_code(code: &str) -> Result<(), String> {
    let mut chars = code.chars();
    let ok = code.len() == 4
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "malformed script code '{code}': 4 letters in title case (Arab, Cyrl, Tfng)"
        ))
    }
}

/// The script most letters of `text` are written in, when it is not Latin and is one we can
/// tell. (A stray letter of another script in a Latin name is lint's business: a homoglyph.)
pub(crate) fn detect_script(text: &str) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for script in text.chars().filter_map(char_script) {
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    let dominant = counts.iter().max_by_key(|(_, n)| *n).map(|(s, _)| *s)?;
    (dominant != "Latn").then_some(dominant)
}

/// The ISO 15924 script of a letter, for the scripts names of this domain are written in.
pub(crate) fn char_script(c: char) -> Option<&'static str> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{00AA}'
        | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{1E00}'..='\u{1EFF}' => "Latn",
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => "Grek",
        '\u{0400}'..='\u{052F}' => "Cyrl",
        '\u{0590}'..='\u{05FF}' => "Hebr",
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => "Arab",
        '\u{07C0}'..='\u{07FF}' => "Nkoo",
        '\u{0900}'..='\u{097F}' => "Deva",
        '\u{1200}'..='\u{139F}' => "Ethi",
        '\u{2D30}'..='\u{2D7F}' => "Tfng",
        '\u{4E00}'..='\u{9FFF}' => "Hani",
        '\u{1E900}'..='\u{1E95F}' => "Adlm",
        _ => return None,
    })
}

/// A name in a non-Latin script must say so, and say it right.
pub(super) fn script_matches(text: &str, declared: Option<&str>) -> Result<(), String> {
    match (detect_script(text), declared) {
        (Some(found), None) => Err(format!(
            "'{text}' is written in {found} script: add script = \"{found}\""
        )),
        (Some(found), Some(declared)) if found != declared => Err(format!(
            "'{text}' is written in {found} script, not {declared}"
        )),
        _ => Ok(()),
    }
}

/// A Wikidata item ID: `Q` and digits without leading zero.
pub(super) fn wikidata(qid: &str) -> Result<(), String> {
    let digits = qid.strip_prefix('Q').unwrap_or("");
    if !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(format!(
            "malformed Wikidata ID '{qid}': expected Q and digits, e.g. Q1044"
        ))
    }
}

/// An ISO 3166-1 alpha-2 code in uppercase.
pub(super) fn country(code: &str) -> Result<(), String> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!(
            "malformed country code '{code}': two uppercase letters (ISO 3166-1), e.g. ML"
        ))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub(super) fn date(text: &str) -> Result<(), String> {
    let bad = || {
        Err(format!(
            "malformed date '{text}': use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let widths_ok = matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !widths_ok {
        return bad();
    }
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = number(0).unwrap_or(0);
    if let Some(month) = number(1) {
        if !(1..=12).contains(&month) {
            return bad();
        }
        if let Some(day) = number(2) {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return bad();
            }
        }
    }
    Ok(())
}

/// Checks what needs every file: IDs unique across the lexicon and relations pointing at
/// entities that exist. Drops the later of two entities with one ID.
pub(super) fn check_links(entities: &mut Vec<Entity>, diagnostics: &mut Vec<Diagnostic>) {
    // The IDs borrowed, not copied: an import checks a million of them.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(entities.len());
    let mut keep = vec![true; entities.len()];
    for (i, entity) in entities.iter().enumerate() {
        if let Some(&j) = first.get(entity.id.as_str()) {
            let at = &entities[j].location;
            diagnostics.push(diagnostic(
                &entity.location,
                format!("duplicate ID '{}' (first defined at {at})", entity.id),
            ));
            keep[i] = false;
        } else {
            first.insert(&entity.id, i);
        }
    }
    for entity in entities.iter() {
        for relation in &entity.relations {
            let message = if relation.target == entity.id {
                format!("'{}' cannot be related to itself", entity.id)
            } else if !first.contains_key(relation.target.as_str()) {
                format!(
                    "relation {} points at '{}', which is not an ID of the lexicon",
                    relation.kind, relation.target
                )
            } else {
                continue;
            };
            diagnostics.push(diagnostic(&relation.location, message));
        }
    }
    let mut keep = keep.into_iter();
    entities.retain(|_| keep.next().unwrap_or(true));
}

fn diagnostic(at: &super::Location, message: String) -> Diagnostic {
    Diagnostic {
        path: at.path.clone(),
        line: at.line,
        column: at.column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_needs_something_to_look_up() {
        assert!(name_text("Gao").is_ok());
        assert!(name_text("$").is_ok());
        assert!(name_text("…").unwrap_err().contains("only punctuation"));
        assert!(name_text("- _").unwrap_err().contains("only punctuation"));
        assert!(name_text(" Gao").is_err());
        assert!(name_text(&"a".repeat(MAX_NAME_LEN)).is_ok());
        let too_long = name_text(&format!("Kidal {}", "a".repeat(MAX_NAME_LEN))).unwrap_err();
        assert!(
            too_long.starts_with("a name of 1006 bytes ('Kidal aaa"),
            "{too_long}"
        );
    }

    #[test]
    fn language_tags() {
        for good in [
            "fr",
            "en",
            "ar",
            "tmh",
            "und",
            "en-GB",
            "sr-Latn",
            "ar-Latn-ML",
            "es-419",
        ] {
            assert_eq!(language_tag(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "F",
            "FR",
            "french",
            "fr-",
            "fr_FR",
            "en-gb",
            "sr-latn",
            "fr-GB-GB-x",
        ] {
            assert!(language_tag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        for good in ["2017", "2017-03", "2017-03-02", "2024-02-29"] {
            assert_eq!(date(good), Ok(()), "{good}");
        }
        for bad in [
            "17",
            "2017-3",
            "2017-13",
            "2023-02-29",
            "2017-04-31",
            "2017/03/02",
            "x",
        ] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_and_slugs() {
        assert_eq!(id_syntax("place/kidal-region"), Ok(()));
        for bad in [
            "kidal",
            "place/",
            "place/Kidal",
            "place/kidal--region",
            "place/kidal-",
        ] {
            assert!(id_syntax(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(detect_script("Tinzaouatène"), None);
        assert_eq!(detect_script("جماعة نصرة"), Some("Arab"));
        assert_eq!(detect_script("Лавров"), Some("Cyrl"));
        assert_eq!(detect_script("ⵜⵉⵏⵣⴰⵡⴰⵜⵉⵏ"), Some("Tfng"));
        assert!(script_matches("Лавров", None).is_err());
        assert!(script_matches("Лавров", Some("Arab")).is_err());
        assert_eq!(script_matches("Лавров", Some("Cyrl")), Ok(()));
    }

    #[test]
    fn external_ids() {
        assert_eq!(wikidata("Q1044"), Ok(()));
        assert!(wikidata("Q01").is_err());
        assert!(wikidata("1044").is_err());
        assert_eq!(country("ML"), Ok(()));
        assert!(country("MLI").is_err());
        assert!(country("ml").is_err());
    }
}
