"""Type stubs of canonym's native module (src/*.rs in the python/ crate)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple, Union

__version__: str

_Path = Union[str, "os.PathLike[str]"]
_Overlaps = Literal["longest", "all"]

class Error(Exception):
    """The base of canonym's exceptions. Its message is the library's."""

class LexiconError(Error):
    """The lexicon sources have errors.

    ``file``, ``line`` and ``column`` (1-based, in characters) locate the first one;
    ``diagnostics`` lists every one as (file, line, column, message) tuples.
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    diagnostics: List[Tuple[str, int, int, str]]

class IndexError(Error):
    """The index bytes are not a canonym index, or one of another version, or damaged:
    rebuild the index from its lexicon. Not the builtin IndexError."""

class Reading:
    """How a name was read when not as written."""

    def __init__(self, query: str, rule: str) -> None: ...

    @property
    def query(self) -> str:
        """The name as it was read (``Bamako`` for ``gouverneur de Bamako``)."""
    @property
    def rule(self) -> str:
        """The rule that read it so (``title removed``...)."""

class Candidate:
    """One entity a name may refer to, and how the name reached it."""

    @property
    def id(self) -> str:
        """The entity's canonical ID (``place/tinzaouatene``)."""
    @property
    def kind(self) -> Literal["group", "organization", "place", "person"]:
        """The entity's kind."""
    @property
    def label(self) -> str:
        """Its preferred label, in the requested language where it has one."""
    @property
    def score(self) -> float:
        """How well the name matches, from 0 to 1 (1: an exact match of a name)."""
    @property
    def layer(self) -> Literal["exact", "folded", "latin", "stem", "skeleton", "token", "fuzzy"]:
        """The normalization layer on which the name met the variant."""
    @property
    def variant(self) -> str:
        """The lexicon name that matched."""
    @property
    def lang(self) -> str:
        """The variant's language (BCP 47)."""
    @property
    def distance(self) -> Optional[int]:
        """The edit distance between the Latin keys, on the fuzzy layer; else None."""
    @property
    def wikidata(self) -> Optional[str]:
        """The entity's Wikidata QID, when the lexicon gives one."""
    @property
    def reading(self) -> Optional[Reading]:
        """How the name was read when not as written, or None."""
    def to_dict(self) -> Dict[str, Any]:
        """The candidate as a dict of its attributes (``reading`` as a dict or None)."""

class Mention:
    """A mention of an entity in a text.

    ``text[m.start:m.end] == m.text`` (offsets in code points, as Python slices);
    ``byte_start``/``byte_end`` are offsets in the UTF-8 encoding.
    """

    @property
    def start(self) -> int:
        """Start offset in the string, in code points."""
    @property
    def end(self) -> int:
        """End offset (exclusive) in the string, in code points."""
    @property
    def byte_start(self) -> int:
        """Start offset in the UTF-8 bytes of the string."""
    @property
    def byte_end(self) -> int:
        """End offset (exclusive) in the UTF-8 bytes of the string."""
    @property
    def text(self) -> str:
        """The mention as written."""
    @property
    def id(self) -> str:
        """The best candidate's canonical ID."""
    @property
    def kind(self) -> str:
        """The best candidate's kind."""
    @property
    def score(self) -> float:
        """The best candidate's score."""
    @property
    def layer(self) -> str:
        """The layer on which the best candidate matched."""
    @property
    def label(self) -> str:
        """The best candidate's label."""
    @property
    def best(self) -> Candidate:
        """The best candidate."""
    @property
    def candidates(self) -> List[Candidate]:
        """Every candidate, best first (a new list on each access); never empty."""
    def to_dict(self) -> Dict[str, Any]:
        """The mention as a dict, its candidates as a list of dicts."""

class Index:
    """A compiled canonym lexicon: resolves names and tags texts.

    Immutable and thread-safe; every method releases the GIL.
    """

    @staticmethod
    def open(path: _Path, *, verify: bool = True) -> "Index":
        """Opens an index file (made by ``canonym build``) by memory map.

        With ``verify`` every byte is checked once. Raises OSError if the file cannot be
        read, canonym.IndexError if it is not a valid index of this version.
        """
    @staticmethod
    def default() -> "Index":
        """The index of the embedded default lexicon (the Sahel conflicts)."""
    @staticmethod
    def from_lexicon(path: _Path) -> "Index":
        """Loads, checks and compiles a lexicon folder of TOML sources, in memory.

        Raises canonym.LexiconError if the sources have errors, OSError if they cannot be
        read.
        """
    @staticmethod
    def from_bytes(data: bytes) -> "Index":
        """An index from its bytes (those ``save`` writes), copied into memory and checked.

        Raises canonym.IndexError if they are not a valid index of this version.
        """
    def to_bytes(self) -> bytes:
        """The index's bytes, as ``save`` writes them."""
    def __reduce__(self) -> Tuple[Any, ...]:
        """Pickles an index opened from a file as its absolute path (the file must be there
        where it is unpickled), the default index as a marker, any other as its bytes."""
    def save(self, path: _Path) -> None:
        """Writes the index to a file (all or nothing), to open later with Index.open."""
    def resolve(
        self,
        name: str,
        lang: Optional[str] = None,
        limit: Optional[int] = None,
        *,
        min_score: Optional[float] = None,
    ) -> List[Candidate]:
        """The entities a name may refer to, best first; [] for a name the lexicon lacks."""
    def resolve_many(
        self,
        names: Iterable[str],
        lang: Optional[str] = None,
        limit: Optional[int] = None,
        *,
        min_score: Optional[float] = None,
        threads: Optional[int] = None,
    ) -> List[List[Candidate]]:
        """``resolve`` of every name, on every core (or ``threads``), without the GIL."""
    def tag(
        self, text: str, lang: Optional[str] = None, *, overlaps: _Overlaps = "longest"
    ) -> List[Mention]:
        """The mentions of entities in a text, in text order."""
    def tag_many(
        self,
        texts: Iterable[str],
        lang: Optional[str] = None,
        *,
        overlaps: _Overlaps = "longest",
        threads: Optional[int] = None,
    ) -> List[List[Mention]]:
        """``tag`` of every text, on every core (or ``threads``), without the GIL."""
    @property
    def entity_count(self) -> int:
        """The number of entities."""
    @property
    def variant_count(self) -> int:
        """The number of variants (names) of all entities."""
    def __contains__(self, id: str) -> bool:
        """Whether the index has an entity with this canonical ID."""
