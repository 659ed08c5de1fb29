"""The Spark recipe on a real local Spark (PySpark from PyPI, 2 cores): mapInPandas with the
index shipped by addFile, and rdd.pipe through the binary; both checked against
`canonym tag --json` on the same texts."""

import json
import os
import shutil
import sys

import pytest

import canonym
from conftest import binary_tag

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.fail("Spark needs Java (17 or later): install a JRE or set JAVA_HOME", pytrace=False)

from pyspark.sql import SparkSession  # noqa: E402

from canonym.spark import executor_index, tag_dataframe  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("canonym-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(seed_paragraphs):
    """The seed paragraphs with a few harder lines: other scripts, emoji, an empty text."""
    extra = [
        "🙂 В Кидале и Гао 🙂 — l'EIGS et #JNIM à Tinzawaten",
        "تين زواتين والجيش المالي",
        "",
    ]
    return {f"d{i}": text for i, text in enumerate(seed_paragraphs + extra)}


@pytest.fixture(scope="module")
def index_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "sahel.canonym"
    canonym.Index.default().save(path)
    return str(path)


def expected_rows(canonym_bin, corpus):
    """The binary's mentions as (doc, start, end, text, id, kind, score) with code-point
    offsets, sorted."""
    rows = []
    for doc, mentions in binary_tag(canonym_bin, corpus).items():
        for m in mentions:
            rows.append(
                (doc, m["char_start"], m["char_end"], m["text"], m["id"], m["kind"], m["score"])
            )
    return sorted(rows)


def same(got, want):
    assert len(got) == len(want) > 50
    for g, w in zip(got, want):
        assert g[:6] == w[:6]
        assert abs(g[6] - w[6]) <= 5e-5


def test_map_in_pandas_equals_the_binary(spark, corpus, index_file, canonym_bin):
    docs = spark.createDataFrame(list(corpus.items()), "doc string, text string").repartition(4)
    mentions = tag_dataframe(docs, index_file)
    assert mentions.columns == ["doc", "start", "end", "text", "id", "kind", "score", "layer"]
    got = sorted(
        (r.doc, r.start, r.end, r.text, r.id, r.kind, r.score) for r in mentions.collect()
    )
    same(got, expected_rows(canonym_bin, corpus))


def test_the_offsets_are_spark_substring_offsets(spark, corpus, index_file):
    docs = spark.createDataFrame(list(corpus.items()), "doc string, text string")
    mentions = tag_dataframe(docs, index_file)
    rows = mentions.join(docs.withColumnRenamed("text", "doc_text"), "doc").selectExpr(
        "text", "substring(doc_text, start + 1, end - start) AS sliced"
    ).collect()
    assert rows and all(r.text == r.sliced for r in rows)


def test_the_index_is_mapped_once_per_python_worker(spark, index_file):
    """Many tasks, two cores: each Python worker process opens the index once and reuses it."""
    spark.sparkContext.addFile(index_file)
    name = os.path.basename(index_file)

    def opened(_):
        index = executor_index(name)
        yield (os.getpid(), id(index))

    rdd = spark.sparkContext.parallelize(range(16), 16)
    seen = rdd.mapPartitions(opened).collect()
    assert len(seen) == 16
    by_pid = {}
    for pid, ident in seen:
        by_pid.setdefault(pid, set()).add(ident)
    assert all(len(idents) == 1 for idents in by_pid.values()), by_pid
    assert len(by_pid) < 16  # workers were reused across tasks


def test_rdd_pipe_through_the_binary_equals_the_binary(spark, corpus, canonym_bin):
    lines = [json.dumps({"doc": doc, "text": text}) for doc, text in corpus.items()]
    answers = (
        spark.sparkContext.parallelize(lines, 4)
        .pipe(f"{canonym_bin} tag --json -")
        .map(json.loads)
        .collect()
    )
    got = sorted(
        (a["doc"], m["char_start"], m["char_end"], m["text"], m["id"], m["kind"], m["score"])
        for a in answers
        for m in a["mentions"]
    )
    assert sorted(a["doc"] for a in answers) == sorted(corpus)
    same(got, expected_rows(canonym_bin, corpus))
