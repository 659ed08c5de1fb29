"""The Python API: resolve, tag, their _many forms, files, and agreement with the binary."""

import threading
import time

import pytest

import canonym
from conftest import binary_tag

TEXT = "Des combats ont eu lieu à Tin Zaouatine entre les FAMa et le GSIM."


def test_the_done_when_example(index):
    assert index.resolve("Tin Zaouatine")[0].id == "place/tinzaouatene"


def test_resolve_gives_ranked_candidates_with_every_field(index):
    candidates = index.resolve("Tin Zaouatine")
    assert [c.id for c in candidates] == ["place/tinzaouatene", "place/tinzaouatine-algeria"]
    best = candidates[0]
    assert (best.kind, best.score, best.layer, best.variant) == (
        "place",
        1.0,
        "exact",
        "Tin Zaouatine",
    )
    assert best.lang == "fr" and best.distance is None and best.reading is None
    assert isinstance(best.label, str) and best.label


def test_resolve_options(index):
    assert len(index.resolve("Tin Zaouatine", limit=1)) == 1
    assert index.resolve("Tin Zaouatine", min_score=1.0)[0].id == "place/tinzaouatene"
    ecowas_en = index.resolve("CEDEAO")[0]
    ecowas_fr = index.resolve("CEDEAO", lang="fr")[0]
    assert ecowas_en.id == ecowas_fr.id == "org/ecowas"
    assert ecowas_en.label == "Economic Community of West African States"
    assert ecowas_fr.label == "Communauté économique des États de l'Afrique de l'Ouest"
    assert ecowas_en.wikidata == "Q193272"


def test_unknown_names_find_nothing(index):
    assert index.resolve("Xyzzy Plugh") == []


def test_fuzzy_distance_and_readings(index):
    fuzzy = index.resolve("Bamakko")[0]
    assert (fuzzy.id, fuzzy.layer, fuzzy.distance) == ("place/bamako", "fuzzy", 1)
    read = index.resolve("le colonel Goïta")[0]
    assert read.reading is not None and read.reading.query == "Goïta"


def test_tag_gives_mentions_at_python_offsets(index):
    mentions = index.tag(TEXT)
    assert [(m.text, m.id, m.kind) for m in mentions] == [
        ("Tin Zaouatine", "place/tinzaouatene", "place"),
        ("FAMa", "org/fama", "organization"),
        ("GSIM", "group/jnim", "group"),
    ]
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text
        assert TEXT.encode()[m.byte_start : m.byte_end].decode() == m.text
        assert m.candidates[0].id == m.id == m.best.id
        assert m.score == m.candidates[0].score


def test_overlaps_all_adds_the_nested_names(index):
    text = "L'Alliance des États du Sahel se réunit."
    longest = [m.text for m in index.tag(text)]
    every = [m.text for m in index.tag(text, overlaps="all")]
    assert longest == ["Alliance des États du Sahel"]
    assert "Sahel" in every and "Alliance des États du Sahel" in every


def test_many_equals_one_by_one_on_any_threads(index, seed_paragraphs):
    texts = seed_paragraphs * 3
    one_by_one = [[m.to_dict() for m in index.tag(t)] for t in texts]
    for threads in (None, 1, 2, 7):
        many = index.tag_many(texts, threads=threads)
        assert [[m.to_dict() for m in ms] for ms in many] == one_by_one
    names = ["GSIM", "Tinzawaten", "nothing at all", "Кидаль"] * 50
    resolved = index.resolve_many(names, limit=2)
    assert [[c.to_dict() for c in cs] for cs in resolved] == [
        [c.to_dict() for c in index.resolve(n, limit=2)] for n in names
    ]
    assert index.tag_many(iter(["GSIM à Kidal"]))[0][0].id == "group/jnim"  # any iterable
    assert index.tag_many([]) == []


def test_tag_many_releases_the_gil(index, seed_paragraphs):
    """A Python thread keeps running while tag_many works: it could not if the GIL were held."""
    texts = seed_paragraphs * 60
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        started = time.perf_counter()
        index.tag_many(texts, threads=1)
        ended = time.perf_counter()
    finally:
        stop.set()
        ticker.join()
    during = [t for t in ticks if started < t < ended]
    assert ended - started > 0.05, "the work is too short to tell"
    assert len(during) >= 10


def test_agrees_with_the_binary(index, canonym_bin, seed_paragraphs):
    docs = {str(i): text for i, text in enumerate(seed_paragraphs)}
    expected = binary_tag(canonym_bin, docs)
    ours = dict(zip(docs, index.tag_many(list(docs.values()))))
    assert sum(len(ms) for ms in expected.values()) > 50
    for doc, mentions in ours.items():
        got = [(m.byte_start, m.byte_end, m.start, m.end, m.text, m.id, m.kind) for m in mentions]
        want = [
            (m["start"], m["end"], m["char_start"], m["char_end"], m["text"], m["id"], m["kind"])
            for m in expected[doc]
        ]
        assert got == want
        for m, e in zip(mentions, expected[doc]):
            assert abs(m.score - e["score"]) <= 5e-5
            assert [c.id for c in m.candidates] == [c["id"] for c in e["candidates"]]


def test_save_then_open_by_memory_map(index, tmp_path):
    path = tmp_path / "sahel.canonym"
    index.save(path)
    opened = canonym.Index.open(path)
    assert opened.entity_count == index.entity_count > 100
    assert opened.variant_count == index.variant_count
    assert [m.to_dict() for m in opened.tag(TEXT)] == [m.to_dict() for m in index.tag(TEXT)]
    assert canonym.Index.open(str(path), verify=False).resolve("GSIM")[0].id == "group/jnim"
    assert "group/jnim" in opened and "group/nobody" not in opened


def test_from_lexicon_compiles_a_folder(repo):
    built = canonym.Index.from_lexicon(repo / "lexicon")
    assert built.resolve("Tinzawaten")[0].id == "place/tinzaouatene"
    assert built.entity_count == canonym.Index.default().entity_count


def test_help_reads_well():
    assert "Index.default()" in canonym.__doc__
    assert "memory map" in canonym.Index.open.__doc__
    assert "code points" in canonym.Mention.__doc__
    assert canonym.Index.tag_many.__text_signature__ is not None
    assert canonym.__version__ == "0.1.0"


def test_the_docstring_examples_hold():
    import doctest

    import canonym.spacy

    for module in (canonym, canonym.spacy):
        failed, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert tried > 0 and failed == 0, module


def _answers(mentions):
    return [m.to_dict() for m in mentions]


def test_indexes_pickle_as_their_path_bytes_or_the_default(index, tmp_path, repo):
    import pickle

    path = tmp_path / "sahel.canonym"
    index.save(path)
    opened = canonym.Index.open(path)
    compiled = canonym.Index.from_bytes(path.read_bytes())
    for original in (index, opened, compiled):
        again = pickle.loads(pickle.dumps(original))
        assert _answers(again.tag(TEXT)) == _answers(original.tag(TEXT))
        assert again.variant_count == original.variant_count
    # A file's pickle is its path, not its bytes; an index in memory travels as its bytes.
    assert len(pickle.dumps(opened)) < 1000 < len(pickle.dumps(compiled))
    assert len(pickle.dumps(index)) < 200
    assert str(path) in repr(pickle.loads(pickle.dumps(opened)))
    path.unlink()
    with pytest.raises(FileNotFoundError):
        pickle.loads(pickle.dumps(opened))
    with pytest.raises(canonym.IndexError):
        canonym.Index.from_bytes(b"not an index")


def test_answers_pickle_with_every_field(index):
    import pickle

    mentions = index.tag(TEXT, overlaps="all") + index.tag("le colonel Goïta à Bamako")
    again = pickle.loads(pickle.dumps(mentions))
    assert _answers(again) == _answers(mentions)
    read = index.resolve("le colonel Goïta")[0]
    assert pickle.loads(pickle.dumps(read)).reading == read.reading
    ecowas = pickle.loads(pickle.dumps(index.resolve("CEDEAO")[0]))
    assert ecowas.wikidata == "Q193272"


def test_an_index_goes_to_another_process(index):
    """multiprocessing (spawn: a fresh interpreter) pickles the index in and the mentions out."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from operator import methodcaller

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        there = pool.submit(methodcaller("tag_many", [TEXT, "GSIM à Kidal"]), index).result()
    assert [_answers(ms) for ms in there] == [_answers(index.tag(TEXT)), _answers(index.tag("GSIM à Kidal"))]


def test_answers_outlive_their_index_and_are_not_cycle_tracked(repo):
    """An answer's strings are read from its index's bytes: the answer keeps the index alive.
    Answers hold no Python object, so the cycle collector need not track them."""
    import gc

    built = canonym.Index.from_lexicon(repo / "lexicon")
    mentions = built.tag_many([TEXT, "Combats à Kidal."])
    candidates = built.resolve("CEDEAO", lang="fr")
    del built
    gc.collect()
    assert [m.id for m in mentions[0]] == ["place/tinzaouatene", "org/fama", "group/jnim"]
    assert mentions[1][0].candidates[0].variant == "Kidal"
    assert candidates[0].label == "Communauté économique des États de l'Afrique de l'Ouest"
    assert candidates[0].wikidata == "Q193272"
    answers = mentions[0] + mentions[1] + candidates + mentions[0][0].candidates
    assert not any(gc.is_tracked(a) for a in answers)
    assert gc.is_tracked(mentions[0])  # the lists are the caller's to fill with anything


def test_an_error_in_the_iterable_stops_the_work(index):
    """tag_many reads its texts as it goes (a few chunks ahead of the work: see
    python/src/parallel.rs): an error of the iterable stops it and comes out as itself."""
    read = []

    def texts():
        for i in range(20_000):
            read.append(i)
            if i == 15_000:
                raise RuntimeError("the source broke")
            yield "Combats à Kidal entre les FAMa et le GSIM."

    with pytest.raises(RuntimeError, match="the source broke"):
        index.tag_many(texts(), threads=2)
    assert len(read) == 15_001
    assert [len(ms) for ms in index.tag_many(("GSIM" for _ in range(3000)), threads=2)] == [1] * 3000
