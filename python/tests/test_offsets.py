"""Mention offsets slice the Python string exactly, whatever the scripts around them:
combining marks, astral characters (emoji), right-to-left scripts, CJK."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Names of the default lexicon in several scripts, with the ID each is tagged as.
NAMES = [
    ("Tin Zaouatine", "place/tinzaouatene"),
    ("GSIM", "group/jnim"),
    ("Кидаль", "place/kidal"),
    ("Alliance des États du Sahel", "org/aes"),
    ("FAMa", "org/fama"),
]

# Filler that cannot form or extend a name: no Latin capitals, no caseless letters, and each
# letter followed by a digit, so that filler words are never articles (`lé` folds to `le`);
# combining marks on letters (a mark on punctuation or a no-break space: the test below).
_LETTER = st.one_of(
    st.sampled_from(list("éèàùçœ")),  # lower-case Latin with diacritics
    st.tuples(
        st.sampled_from("aeiouéè"), st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
    ).map("".join),  # a letter with a combining mark
    st.characters(min_codepoint=0x1D400, max_codepoint=0x1D433),  # math letters (astral)
)
FILLER = st.lists(
    st.one_of(
        st.sampled_from(list("0123456789 ,.;:!?()«»-–—'’\"\n\t")),
        st.tuples(_LETTER, st.sampled_from("0123456789")).map("".join),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji (astral)
        st.sampled_from(["\u200d", "\ufe0f"]),  # ZWJ, variation selector
    ),
    max_size=12,
).map("".join)

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from("GSIM Tin Zaouatine Кидаль تين زواتين FAMa l'EIGS #JNIM"),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_offsets_slice_any_text(index, text):
    for m in index.tag(text, overlaps="all"):
        assert text[m.start : m.end] == m.text
        assert text.encode("utf-8")[m.byte_start : m.byte_end].decode("utf-8") == m.text
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(FILLER, st.sampled_from(NAMES)), min_size=1, max_size=5), FILLER)
def test_names_among_astral_and_combining_characters(index, pieces, tail):
    text = ""
    expected = []
    for filler, (name, id) in pieces:
        text += filler + " "
        expected.append((len(text), len(text) + len(name), name, id))
        text += name + " "
    text += tail
    found = [(m.start, m.end, m.text, m.id) for m in index.tag(text)]
    for mention in expected:
        assert mention in found, (text, found)
    for m in index.tag(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("base", ["\u00a0", "."])
def test_a_mark_on_a_space_or_punctuation_is_not_part_of_a_mention(index, base):
    text = base + "\u0363 Tin Zaouatine"
    assert [(m.start, m.end, m.text) for m in index.tag(text)] == [(3, 16, "Tin Zaouatine")]
