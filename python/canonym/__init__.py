"""canonym: the many spellings of names, resolved to canonical IDs.

canonym resolves the spellings, transliterations and language variants of the names of armed
groups, organisations, places and people to canonical IDs (``JNIM``, ``GSIM`` and
``Jama'at Nusrat al-Islam wal-Muslimin`` are one group), and finds those names in running
text. It is the Rust library of the same name, compiled into this module.

    >>> import canonym
    >>> index = canonym.Index.default()          # the embedded Sahel lexicon
    >>> index.resolve("Tin Zaouatine")[0].id
    'place/tinzaouatene'
    >>> [(m.text, m.id) for m in index.tag("Combats à Tinzawaten entre les FAMa et le GSIM.")]
    [('Tinzawaten', 'place/tinzaouatene'), ('FAMa', 'org/fama'), ('GSIM', 'group/jnim')]

``Index.open(path)`` memory-maps an index file built by ``canonym build``;
``Index.from_lexicon(folder)`` compiles TOML sources in memory. ``Index.tag_many`` and
``Index.resolve_many`` work on every core without the GIL.

Errors: ``canonym.LexiconError`` (a lexicon source is wrong: ``file``, ``line``, ``column``),
``canonym.IndexError`` (index bytes that are not a valid index: rebuild it; not the builtin
``IndexError``), both subclasses of ``canonym.Error``; I/O problems raise ``OSError``.

Integrations, imported on demand: ``canonym.spacy`` (the ``"canonym"`` pipeline component,
registered for ``nlp.add_pipe("canonym")`` without an import) and ``canonym.spark`` (tagging
DataFrames with ``mapInPandas``).
"""

from ._canonym import (
    Candidate,
    Error,
    Index,
    IndexError,
    LexiconError,
    Mention,
    Reading,
    __version__,
)

# IndexError is left out of __all__, so that `from canonym import *` does not shadow the
# builtin of the same name: use it as canonym.IndexError.
__all__ = [
    "Candidate",
    "Error",
    "Index",
    "LexiconError",
    "Mention",
    "Reading",
    "__version__",
]
