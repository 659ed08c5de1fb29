//! Invariants of the normalization layers, on arbitrary text.

use canonym::normalize::{exact, folded, latin, skeleton, Layer};
use proptest::prelude::*;

/// Text that mixes the scripts and the troublesome characters of real names.
fn name_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Tin",
        "Zaouatène",
        "-",
        "–",
        " ",
        "  ",
        "'",
        "’",
        "ʼ",
        "`",
        "´",
        ".",
        "_",
        "ß",
        "İ",
        "ǅ",
        "ﬁ",
        "Ａ",
        "جماعة",
        "نُصْرَة",
        "الإسلام",
        "ـ",
        "أ",
        "ى",
        "ة",
        "Лавров",
        "ё",
        "Й",
        "ⵜⵉⵏ",
        "\u{301}",
        "\u{308}",
        "\u{345}",
        "Σ",
        "ς",
        "\u{200B}",
        "\u{00AD}",
        "\t",
        "\n",
        "\u{0}",
        "丁",
        "ǰ",
        "ΐ",
        "dj",
        "ou",
        "w",
        "sch",
        "tch",
        "al",
        "wa",
        "wal",
        "d",
        "j",
        "ck",
        "t",
        "aa",
        "Ouaga",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn layers_are_idempotent_on_name_like_text(text in name_like()) {
        let e = exact(&text);
        prop_assert_eq!(exact(&e), e.clone());
        let f = folded(&text);
        prop_assert_eq!(folded(&f), f.clone());
        let l = latin(&f);
        prop_assert_eq!(latin(&l), l.clone());
        prop_assert!(l.is_ascii());
        let s = skeleton(&text);
        prop_assert_eq!(skeleton(&s), s.clone());
        prop_assert!(s.is_ascii());
    }

    #[test]
    fn layers_are_idempotent_on_any_text(text in any::<String>()) {
        let f = folded(&text);
        prop_assert_eq!(folded(&f), f.clone());
        let l = latin(&f);
        prop_assert_eq!(latin(&l), l.clone());
        let s = skeleton(&text);
        prop_assert_eq!(skeleton(&s), s.clone());
    }

    #[test]
    fn keys_have_no_outer_or_double_spaces(text in any::<String>()) {
        for layer in [Layer::Folded, Layer::Latin] {
            let key = layer.key(&text);
            prop_assert_eq!(key.trim(), key.as_str());
            prop_assert!(!key.contains("  "));
        }
    }
}

#[test]
fn a_megabyte_of_mixed_text_does_not_panic() {
    let unit = "Tin-Zaouatène جماعة Лавров ⵜⵉⵏ \u{0}\u{301} ß ";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    for layer in Layer::ALL {
        let key = layer.key(&text);
        assert!(!key.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn keys_agree_with_each_layer(text in "(\\PC|[ -~]){0,30}") {
        let all = canonym::normalize::keys(&text);
        for layer in Layer::KEYED {
            prop_assert_eq!(all.get(layer), layer.key(&text));
        }
    }

}
