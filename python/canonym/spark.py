"""Tagging the documents of a Spark DataFrame with canonym, on every executor.

    >>> from canonym.spark import tag_dataframe
    >>> mentions = tag_dataframe(docs, "sahel.canonym", id_col="doc", text_col="text")
    >>> mentions.groupBy("id").count().show()

``tag_dataframe`` ships the index file to the executors with ``SparkContext.addFile`` and tags
each partition with ``mapInPandas``. An executor's Python worker memory-maps the index on its
first task and keeps it for the next ones (a module-level cache): the index is never
broadcast nor copied per task, and the workers of one machine share its pages through the
page cache.

The output has one row per mention: the document's ID, ``start`` and ``end`` (code-point
offsets into the text, as Python and Spark's ``substring`` count, 0-based), ``text``, ``id``,
``kind``, ``score`` and ``layer`` of the best candidate.
"""

import os
from typing import Callable, Dict, Iterator, Optional

import pandas as pd
from pyspark import SparkFiles
from pyspark.sql import DataFrame
from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

from . import Index

__all__ = ["MENTION_FIELDS", "executor_index", "tag_dataframe", "tag_partitions"]

# The columns of a mention after the document's ID, with their Spark types.
MENTION_FIELDS = [
    StructField("start", LongType(), False),
    StructField("end", LongType(), False),
    StructField("text", StringType(), False),
    StructField("id", StringType(), False),
    StructField("kind", StringType(), False),
    StructField("score", DoubleType(), False),
    StructField("layer", StringType(), False),
]

# The indexes this Python process has opened, by the name they were shipped under.
_OPENED: Dict[str, Index] = {}


def executor_index(file_name: str) -> Index:
    """The index shipped with ``SparkContext.addFile`` under ``file_name``, memory-mapped on
    first use in this process and kept for the process's next tasks."""
    index = _OPENED.get(file_name)
    if index is None:
        index = Index.open(SparkFiles.get(file_name))
        _OPENED[file_name] = index
    return index


def tag_partitions(
    file_name: str,
    *,
    id_col: str = "doc",
    text_col: str = "text",
    lang: Optional[str] = None,
    threads: int = 1,
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function for ``DataFrame.mapInPandas``: batches of documents (``id_col``,
    ``text_col``) to batches of mentions (``id_col`` and ``MENTION_FIELDS``).

    Spark runs one task per core already, so each task tags with ``threads`` threads (1).
    A null text has no mentions.
    """

    def tag(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        index = executor_index(file_name)
        for batch in batches:
            texts = ["" if t is None or t != t else t for t in batch[text_col]]
            columns = [id_col] + [field.name for field in MENTION_FIELDS]
            rows: Dict[str, list] = {name: [] for name in columns}
            for doc, mentions in zip(batch[id_col], index.tag_many(texts, lang, threads=threads)):
                for m in mentions:
                    rows[id_col].append(doc)
                    rows["start"].append(m.start)
                    rows["end"].append(m.end)
                    rows["text"].append(m.text)
                    rows["id"].append(m.id)
                    rows["kind"].append(m.kind)
                    rows["score"].append(m.score)
                    rows["layer"].append(m.layer)
            yield pd.DataFrame(rows)

    return tag


def tag_dataframe(
    docs: DataFrame,
    index_path: str,
    *,
    id_col: str = "doc",
    text_col: str = "text",
    lang: Optional[str] = None,
) -> DataFrame:
    """The mentions in the documents of ``docs``: ships the index at ``index_path`` to the
    executors (``SparkContext.addFile``) and tags each partition with ``mapInPandas``."""
    spark = docs.sparkSession
    spark.sparkContext.addFile(index_path)
    schema = StructType([docs.schema[id_col]] + MENTION_FIELDS)
    return docs.select(id_col, text_col).mapInPandas(
        tag_partitions(os.path.basename(index_path), id_col=id_col, text_col=text_col, lang=lang),
        schema,
    )
