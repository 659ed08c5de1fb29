"""Errors reach Python as exceptions with the library's messages."""

import errno

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import canonym


def test_a_missing_file_is_file_not_found(tmp_path):
    missing = tmp_path / "nowhere.canonym"
    with pytest.raises(FileNotFoundError) as caught:
        canonym.Index.open(missing)
    assert caught.value.errno == errno.ENOENT
    assert caught.value.filename == str(missing)


def test_bytes_that_are_not_an_index(tmp_path):
    junk = tmp_path / "junk.canonym"
    junk.write_bytes(b"this is not an index at all" * 10)
    with pytest.raises(canonym.IndexError) as caught:
        canonym.Index.open(junk)
    assert "is not a canonym index" in str(caught.value)
    assert str(junk) in str(caught.value)
    assert isinstance(caught.value, canonym.Error)
    assert not isinstance(caught.value, IndexError)  # not the builtin


@pytest.mark.parametrize("cut", [10, 100, 1000, -100])
def test_a_truncated_index(index, tmp_path, cut):
    path = tmp_path / "cut.canonym"
    index.save(path)
    data = path.read_bytes()
    path.write_bytes(data[:cut])
    with pytest.raises(canonym.IndexError, match="rebuild"):
        canonym.Index.open(path)


def test_damaged_bytes_are_found_by_verify(index, tmp_path):
    path = tmp_path / "flipped.canonym"
    index.save(path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(canonym.IndexError, match="corrupt"):
        canonym.Index.open(path)


def test_lexicon_errors_carry_file_line_and_column(tmp_path):
    source = tmp_path / "bad.toml"
    source.write_text(
        '[[entity]]\nid = "place/x"\nkind = "plac"\nlabel = { en = "X" }\n'
        'names = [{ text = "X", lang = "en", source = "test" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(canonym.LexiconError) as caught:
        canonym.Index.from_lexicon(tmp_path)
    err = caught.value
    assert (err.file, err.line, err.column) == (str(source), 3, 8)
    assert "unknown kind 'plac'" in str(err)
    assert err.diagnostics[0][:3] == (str(source), 3, 8)
    assert f"{source}:3:8:" in str(err)


def test_a_missing_lexicon_folder(tmp_path):
    with pytest.raises(OSError):
        canonym.Index.from_lexicon(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "call",
    [
        lambda ix: ix.resolve("GSIM", lang="FR"),
        lambda ix: ix.resolve("GSIM", limit=0),
        lambda ix: ix.resolve("GSIM", min_score=1.5),
        lambda ix: ix.tag("GSIM", overlaps="some"),
        lambda ix: ix.tag_many(["GSIM"], threads=0),
        lambda ix: ix.tag("GSIM", lang="not a tag"),
    ],
)
def test_bad_arguments_are_value_errors(index, call):
    with pytest.raises(ValueError):
        call(index)


def test_a_lone_str_is_not_a_list_of_texts(index):
    with pytest.raises(TypeError, match="not a str"):
        index.tag_many("GSIM")
    with pytest.raises(TypeError):
        index.resolve_many([1, 2])


def test_saving_into_a_missing_folder(index, tmp_path):
    with pytest.raises(FileNotFoundError):
        index.save(tmp_path / "no" / "such" / "folder.canonym")


FLIPS = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255))


@settings(max_examples=40, deadline=None)
@given(st.lists(FLIPS, min_size=1, max_size=8))
def test_damaged_bytes_opened_unverified_give_errors_never_panics(index, tmp_path_factory, flips):
    """With verify=False the damage is met while reading: every call either works or raises
    canonym.Error (a panic inside would reach Python as PanicException, a BaseException)."""
    data = bytearray(index_bytes(index, tmp_path_factory))
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    path = tmp_path_factory.mktemp("damaged") / "damaged.canonym"
    path.write_bytes(bytes(data))
    try:
        damaged = canonym.Index.open(path, verify=False)
        damaged.resolve("Tin Zaouatine")
        damaged.resolve("Tinzaouatenne")
        damaged.tag_many(["Des combats à Tin Zaouatine entre les FAMa et le GSIM."] * 3)
    except canonym.Error:
        pass


_SAVED = {}


def index_bytes(index, tmp_path_factory):
    if "bytes" not in _SAVED:
        path = tmp_path_factory.mktemp("saved") / "sahel.canonym"
        index.save(path)
        _SAVED["bytes"] = path.read_bytes()
    return _SAVED["bytes"]
