"""The ``"canonym"`` spaCy v3 pipeline component: canonym's mentions as entities.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> _ = nlp.add_pipe("canonym")        # no import needed: an entry point registers it
    >>> doc = nlp("Des combats ont eu lieu à Tin Zaouatine entre les FAMa et le GSIM.")
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    [('Tin Zaouatine', 'place', 'place/tinzaouatene'),
     ('FAMa', 'organization', 'org/fama'),
     ('GSIM', 'group', 'group/jnim')]

The component puts the longest non-overlapping mentions in ``doc.ents`` (``label_`` the
kind, ``kb_id_`` the canonical ID), and every mention, overlapping ones included, in
``doc.spans["canonym"]``. Each of those spans carries ``span._.canonym_score``,
``span._.canonym_layer`` and ``span._.canonym_candidates`` (every candidate as a dict, best
first). Entities already in ``doc.ents`` (a trained NER's) are kept where canonym's
mentions do not overlap them; where they do, ``overwrite_ents`` says which win. An earlier
entity that stays and covers exactly the tokens of a mention is linked: it keeps its label and
takes the mention's ``kb_id_``.

Config:
    index: the path of an index file (``canonym build``), memory-mapped; null for the
        embedded default lexicon.
    overwrite_ents: whether canonym's mentions replace the entities they overlap
        (default false: the earlier ones stay, linked where they match a mention exactly;
        canonym's other overlapping mentions are only in the span group).
    spans_key: the span group of every mention (default ``"canonym"``).
    spans: which mentions go into the span group: ``"all"`` (the default: every match,
        overlapping ones included, which tags each text a second time) or ``"longest"``
        (the same mentions as the entities before merging: one pass, faster).
    lang: the language of the labels in the candidates (default: the pipeline's).

``nlp.to_disk`` copies the index into the pipeline's folder, and ``spacy.load`` memory-maps
that copy.
"""

from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import Index, Mention

__all__ = ["CanonymComponent", "make_canonym"]

INDEX_FILE = "index.canonym"

for _name in ("canonym_score", "canonym_layer", "canonym_candidates"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "canonym",
    default_config={
        "index": None,
        "overwrite_ents": False,
        "spans_key": "canonym",
        "spans": "all",
        "lang": None,
    },
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id", "doc.spans"],
)
def make_canonym(
    nlp: Language,
    name: str,
    index: Optional[str],
    overwrite_ents: bool,
    spans_key: str,
    spans: str,
    lang: Optional[str],
) -> "CanonymComponent":
    """The spaCy factory of the ``"canonym"`` component (see the module's doc)."""
    return CanonymComponent(
        nlp,
        name,
        index=index,
        overwrite_ents=overwrite_ents,
        spans_key=spans_key,
        spans=spans,
        lang=lang,
    )


class CanonymComponent:
    """Tags a Doc's text with a canonym index: entities in ``doc.ents``, every mention in
    ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "canonym",
        *,
        index: Optional[Union[str, Path]] = None,
        overwrite_ents: bool = False,
        spans_key: str = "canonym",
        spans: str = "all",
        lang: Optional[str] = None,
    ) -> None:
        if spans not in ("all", "longest"):
            raise ValueError(f"spans must be 'all' or 'longest', not {spans!r}")
        self.name = name
        self.spans = spans
        self.index_path = None if index is None else str(index)
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key
        self.lang = lang if lang is not None else _label_language(nlp.lang)
        # Opened on first use, so that `spacy.load` opens the pipeline's own copy (from_disk)
        # and never the path the config names, which may not exist on this machine.
        self._index: Optional[Index] = None

    @property
    def index(self) -> Index:
        """The canonym index, opened on first use."""
        if self._index is None:
            if self.index_path is None:
                self._index = Index.default()
            else:
                self._index = Index.open(self.index_path)
        return self._index

    def __call__(self, doc: Doc) -> Doc:
        longest = self.index.tag(doc.text, self.lang)
        every = self.index.tag(doc.text, self.lang, overlaps="all") if self.spans == "all" else None
        return self._annotate(doc, longest, every)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Tags the docs a batch at a time, each batch on every core."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate_batch(batch)
                batch = []
        yield from self._annotate_batch(batch)

    def _annotate_batch(self, docs: List[Doc]) -> Iterator[Doc]:
        if not docs:
            return
        texts = [doc.text for doc in docs]
        longest = self.index.tag_many(texts, self.lang)
        if self.spans == "all":
            every: List[Optional[List[Mention]]] = list(
                self.index.tag_many(texts, self.lang, overlaps="all")
            )
        else:
            every = [None] * len(docs)
        for doc, best, all_mentions in zip(docs, longest, every):
            yield self._annotate(doc, best, all_mentions)

    def _annotate(
        self, doc: Doc, longest: List[Mention], every: Optional[List[Mention]]
    ) -> Doc:
        """Sets the span group (``every`` mention, or the ``longest`` when None) and the
        entities (the ``longest``, merged with the earlier ones)."""
        if every is None:
            ours = _spans(doc, longest)
            doc.spans[self.spans_key] = ours
        else:
            doc.spans[self.spans_key] = _spans(doc, every)
            # Made after the group's: a span of each with the same offsets shares the
            # extension values (spaCy keys them by offsets), and the entities' win.
            ours = _spans(doc, longest)
        doc.ents = _merge(list(doc.ents), ours, self.overwrite_ents)
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """Writes the index into the folder ``path`` (created if need be)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.index.save(path / INDEX_FILE)

    def from_disk(
        self, path: Union[str, Path], *, exclude: Iterable[str] = ()
    ) -> "CanonymComponent":
        """Memory-maps the index that ``to_disk`` wrote into the folder ``path``."""
        self._index = Index.open(Path(path) / INDEX_FILE)
        return self


def _label_language(lang: str) -> Optional[str]:
    """The pipeline's language as a label language; None for spaCy's multi-language ``xx``."""
    return None if lang in ("", "xx") else lang


def _spans(doc: Doc, mentions: List[Mention]) -> List[Span]:
    return [span for span in (_span(doc, m) for m in mentions) if span is not None]


def _span(doc: Doc, mention: Mention) -> Optional[Span]:
    """The mention as a Span of the doc's tokens, with its extensions set.

    A mention that does not fall on token boundaries (spaCy split a word differently) is
    widened to the tokens it touches; None if it touches none (it was whitespace only).
    """
    best = mention.best
    span = doc.char_span(
        mention.start,
        mention.end,
        label=best.kind,
        kb_id=best.id,
        alignment_mode="strict",
    )
    if span is None:
        span = doc.char_span(
            mention.start,
            mention.end,
            label=best.kind,
            kb_id=best.id,
            alignment_mode="expand",
        )
    if span is None or len(span) == 0:
        return None
    extensions = span._  # a new object on each access: made once
    extensions.canonym_score = best.score
    extensions.canonym_layer = best.layer
    extensions.canonym_candidates = [c.to_dict() for c in mention.candidates]
    return span


def _merge(earlier: List[Span], ours: List[Span], overwrite: bool) -> List[Span]:
    """Entities that do not overlap: the winners (ours if ``overwrite``, else the earlier
    ones) all stay, the others where no winner overlaps them. An earlier entity that one of
    ours covers exactly is linked when it stays: it keeps its label and takes our ``kb_id``.
    """
    if not overwrite:
        linked = {(s.start, s.end): s.kb_id for s in ours}
        earlier = [
            Span(s.doc, s.start, s.end, label=s.label, kb_id=linked.get((s.start, s.end), s.kb_id))
            for s in earlier
        ]
    first, second = (ours, earlier) if overwrite else (earlier, ours)
    taken = set()
    kept: List[Span] = []
    for span in first + second:
        tokens = range(span.start, span.end)
        if any(t in taken for t in tokens):
            continue
        taken.update(tokens)
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))
