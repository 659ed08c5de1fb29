//! The latin letters of the abugidas, the scripts whose letters are syllables: the Brahmic
//! scripts of India (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
//! Malayalam) and Ethiopic. deunicode writes them letter by letter, which loses what the
//! syllable says (`बमाको` is `bmaako`, `ኪዳል` is `kidaale`); here a consonant carries its
//! vowel, a long vowel is written as a short one (the latin spellings of African names write
//! no length), and a consonant without a vowel is written alone, so that बमाको, બમાકો,
//! বামাকো and ባማኮ all read `bamako`, as the latin names do.

use std::borrow::Cow;

/// The text with the letters of the abugidas written in latin letters; every other
/// character is left as it is (deunicode writes the rest of the latin key).
///
/// ```
/// use canonym::normalize::{folded, latin};
///
/// assert_eq!(latin(&folded("बमाको")), "bamako");
/// assert_eq!(latin(&folded("બમાકો")), "bamako");
/// assert_eq!(latin(&folded("ባማኮ")), "bamako");
/// assert_eq!(latin(&folded("ኪዳል")), "kidal");
/// ```
pub(crate) fn romanized(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| brahmic(c).is_some() || is_ethiopic_syllable(c))
    {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((script, _)) = brahmic(c) {
            let end = (i..chars.len())
                .find(|&j| brahmic(chars[j]).is_none_or(|(s, _)| s != script))
                .unwrap_or(chars.len());
            write_brahmic(script, &chars[i..end], &mut out);
            i = end;
        } else if is_ethiopic_syllable(c) {
            write_ethiopic(c, &mut out);
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// The Brahmic blocks, each laid out as Devanagari's (the ISCII order): the block's first
/// code point, and whether the script drops the vowel of a word's last consonant, as Hindi,
/// Bengali, Punjabi and Gujarati do (`किदाल`, `kidal`); the southern scripts and Oriya say it.
const BRAHMIC_BLOCKS: &[(u32, bool)] = &[
    (0x0900, true),  // Devanagari
    (0x0980, true),  // Bengali
    (0x0A00, true),  // Gurmukhi
    (0x0A80, true),  // Gujarati
    (0x0B00, false), // Oriya
    (0x0B80, false), // Tamil
    (0x0C00, false), // Telugu
    (0x0C80, false), // Kannada
    (0x0D00, false), // Malayalam
];

/// The block of a Brahmic character and its offset in the block.
fn brahmic(c: char) -> Option<(usize, u32)> {
    let code = u32::from(c);
    BRAHMIC_BLOCKS
        .iter()
        .position(|&(start, _)| (start..start + 0x80).contains(&code))
        .map(|block| (block, code - BRAHMIC_BLOCKS[block].0))
}

/// What a letter of a Brahmic block is, by its offset in the block.
enum Letter {
    /// A consonant, with its inherent vowel.
    Consonant(&'static str),
    /// A vowel written alone, at the start of a syllable.
    Vowel(&'static str),
    /// A vowel sign, which replaces the consonant's inherent vowel.
    Sign(&'static str),
    /// The virama: the consonant has no vowel.
    Virama,
    /// The nukta, which changes the consonant before it (`ज़` is z).
    Nukta,
    /// Nasalization or aspiration after a vowel (anusvara, candrabindu, visarga).
    After(&'static str),
    /// A consonant that carries no vowel (Malayalam's chillu letters).
    Bare(&'static str),
    /// A digit.
    Digit(char),
    /// Anything else: punctuation, signs that say nothing of the sound.
    Other,
}

/// How far a vowel sign lies after the vowel it stands for, in a Brahmic block.
const VOWEL_TO_SIGN: u32 = 0x38;

/// The letter at offset `at` of a Brahmic block, as Devanagari lays it out; the other
/// scripts use the same offsets for the same sounds (where they have them).
fn letter(block: usize, at: u32) -> Letter {
    use Letter::*;
    const BENGALI: usize = 1;
    const GURMUKHI: usize = 2;
    const TAMIL: usize = 5;
    match at {
        0x01 | 0x02 => After("n"),
        0x03 => After("h"),
        0x05 | 0x06 => Vowel("a"),
        0x07 | 0x08 => Vowel("i"),
        0x09 | 0x0A => Vowel("u"),
        0x0B | 0x60 => Vowel("ri"),
        0x0C | 0x61 => Vowel("li"),
        0x0D..=0x0F => Vowel("e"),
        0x10 => Vowel("ai"),
        0x11..=0x13 => Vowel("o"),
        0x14 => Vowel("au"),
        0x15 | 0x16 => Consonant("k"),
        0x17 | 0x18 => Consonant("g"),
        0x19 => Consonant("n"),
        // Tamil writes the s of foreign names with its ca (`பாசோ`, Faso).
        0x1A if block == TAMIL => Consonant("s"),
        0x1A | 0x1B => Consonant("ch"),
        0x1C | 0x1D => Consonant("j"),
        0x1E => Consonant("n"),
        0x1F | 0x20 | 0x24 | 0x25 => Consonant("t"),
        0x21 | 0x22 | 0x26 | 0x27 => Consonant("d"),
        0x23 | 0x28 | 0x29 => Consonant("n"),
        0x2A => Consonant("p"),
        // Hindi writes the f of foreign names with pha (`फ्रांस`, France).
        0x2B => Consonant("f"),
        0x2C | 0x2D => Consonant("b"),
        0x2E => Consonant("m"),
        0x2F => Consonant("y"),
        0x30 | 0x31 => Consonant("r"),
        // Tamil's zha is an l to the ear of the latin spellings.
        0x32..=0x34 => Consonant("l"),
        // Bengali and Oriya have no v: their letter at va's offset is unused or ba.
        0x35 => Consonant("v"),
        0x36 | 0x37 => Consonant("sh"),
        0x38 => Consonant("s"),
        0x39 => Consonant("h"),
        0x3C => Nukta,
        // The vowel signs lie in the order of the vowels they stand for, 0x38 after them
        // (`ा` after `आ`), but for the signs of the vocalic rr and l.
        0x3E..=0x43 | 0x45..=0x4C => match letter(block, at - VOWEL_TO_SIGN) {
            Vowel(sound) => Sign(sound),
            _ => Other,
        },
        0x44 => Sign("ri"),
        0x62 | 0x63 => Sign("li"),
        0x4D => Virama,
        // Tamil writes its length mark for au here.
        0x57 if block == TAMIL => Sign("au"),
        0x58 => Consonant("q"),
        0x59 => Consonant("kh"),
        0x5A => Consonant("gh"),
        0x5B => Consonant("z"),
        0x5C | 0x5D => Consonant("r"),
        0x5E => Consonant("f"),
        0x5F => Consonant("y"),
        0x66..=0x6F => Digit(char::from(b'0' + (at - 0x66) as u8)),
        // Gurmukhi's tippi (nasal); Malayalam's chillu letters (bare consonants).
        0x70 if block == GURMUKHI => After("n"),
        // Bengali's khanda ta, a t without a vowel.
        0x4E if block == BENGALI => Bare("t"),
        0x7A | 0x7B => Bare("n"),
        0x7C => Bare("r"),
        0x7D | 0x7E => Bare("l"),
        0x7F => Bare("k"),
        _ => Other,
    }
}

/// Writes a run of letters of one Brahmic block.
fn write_brahmic(block: usize, letters: &[char], out: &mut String) {
    let drops_last_vowel = BRAHMIC_BLOCKS[block].1;
    // Where the last consonant's letters start in `out`, while it still waits for a vowel.
    let mut pending: Option<usize> = None;
    let mut vowels = 0;
    for &c in letters {
        let at = brahmic(c).map_or(0, |(_, at)| at);
        let letter = letter(block, at);
        if let Some(start) = pending {
            match letter {
                Letter::Sign(_) | Letter::Virama | Letter::Nukta => {}
                _ => {
                    out.push('a');
                    vowels += 1;
                    pending = None;
                }
            }
            if let Letter::Nukta = letter {
                let nukta_form = match &out[start..] {
                    "j" => Some("z"),
                    "f" | "p" => Some("f"),
                    "d" => Some("r"),
                    "k" => Some("q"),
                    "g" => Some("gh"),
                    _ => None,
                };
                if let Some(form) = nukta_form {
                    out.truncate(start);
                    out.push_str(form);
                }
                continue;
            }
        }
        match letter {
            Letter::Consonant(sound) => {
                pending = Some(out.len());
                out.push_str(sound);
            }
            Letter::Vowel(sound) => {
                out.push_str(sound);
                vowels += 1;
            }
            Letter::Sign(sound) => {
                if pending.take().is_some() {
                    out.push_str(sound);
                    vowels += 1;
                }
            }
            Letter::Virama => pending = None,
            Letter::Nukta | Letter::Other => {}
            Letter::After(sound) | Letter::Bare(sound) => out.push_str(sound),
            Letter::Digit(digit) => out.push(digit),
        }
    }
    // The last consonant's vowel: dropped at the end of a word of more than a syllable in
    // the scripts that drop it (`बमाको` ends in a vowel sign; `किदाल`, kidal).
    if pending.is_some() && !(drops_last_vowel && vowels > 0) {
        out.push('a');
    }
}

/// Whether a character is a syllable of the Ethiopic block.
fn is_ethiopic_syllable(c: char) -> bool {
    ('\u{1200}'..='\u{135A}').contains(&c)
}

/// Writes an Ethiopic syllable: its consonant, then the vowel of its order (the column of
/// its row of eight). deunicode gives the consonant, from the row's sixth order, the one
/// without a vowel, which it writes with an e.
fn write_ethiopic(c: char, out: &mut String) {
    const ORDER_VOWELS: [&str; 8] = ["a", "u", "i", "a", "e", "", "o", "wa"];
    let code = u32::from(c);
    let order = (code - 0x1200) % 8;
    let bare = char::from_u32(code - order + 5).and_then(deunicode::deunicode_char);
    match bare.and_then(|bare| bare.strip_suffix('e')) {
        Some(consonant) => {
            // The glottal rows (`አ`, `ዐ`) carry only their vowel.
            out.extend(consonant.chars().filter(char::is_ascii_alphabetic));
            out.push_str(ORDER_VOWELS[order as usize]);
        }
        None => out.push_str(deunicode::deunicode_char(c).unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of the lexicon's places in the scripts of India and Ethiopia, as encyclopedias
    /// in those languages write them, against the latin spellings they must meet.
    #[test]
    fn abugidas_read_as_the_latin_names() {
        for (written, latin) in [
            ("बमाको", "bamako"),
            ("બમાકો", "bamako"),
            ("বামাকো", "bamako"),
            ("ਬਮਾਕੋ", "bamako"),
            ("ಬಮಾಕೊ", "bamako"),
            ("పమాకో", "pamako"),
            ("மாலி", "mali"),
            ("நைஜர்", "naijar"),
            ("பாசோ", "paso"),
            ("माली", "mali"),
            ("किदाल", "kidal"),
            ("फ्रांस", "frans"),
            ("ज़ाम्बिया", "zambiya"),
            ("ઈબ્રાહિમ ત્રાઓરે", "ibrahim traore"),
            ("ইব্রাহিম ত্রাওরে", "ibrahim traore"),
            ("ባማኮ", "bamako"),
            ("ማሊ", "mali"),
            ("ኪዳል", "kidal"),
            ("ቡርኪና ፋሶ", "burkina faso"),
            ("ሞስኮ", "mosko"),
            ("Kidal", "Kidal"),
        ] {
            assert_eq!(romanized(written), latin, "{written}");
        }
    }
}
