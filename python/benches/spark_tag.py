#!/usr/bin/env python3
"""Tags a corpus (one document a line) on a local Spark, as a whole command, for timing with
farm-bench beside the same work in one process (python/README.md has the figures).

Usage: python python/benches/spark_tag.py CORPUS {pandas,pipe,none} [--cores 2]
                                          [--canonym BIN]

pandas: canonym.spark.tag_dataframe (mapInPandas, the index shipped with addFile);
pipe:   rdd.pipe("canonym tag --json -") through the binary;
none:   the same Spark session reading and counting the documents, untagged: Spark's own
        cost (JVM start-up, Python workers, reading), the floor of the other two.
Prints the number of documents and of mentions.
"""
import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

import canonym
from canonym.spark import tag_dataframe

ROOT = Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("mode", choices=["pandas", "pipe", "none"])
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--canonym", default=str(ROOT / "target" / "release" / "canonym"))
    args = ap.parse_args()
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .config("spark.ui.enabled", "false")
        # About 1 MB a partition, so that the cores share the work evenly.
        .config("spark.sql.files.maxPartitionBytes", str(1 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    corpus = str(Path(args.corpus).resolve())
    partitions = max(2, os.path.getsize(corpus) >> 20)
    with tempfile.TemporaryDirectory() as tmp:
        if args.mode == "pandas":
            index_file = os.path.join(tmp, "sahel.canonym")
            canonym.Index.default().save(index_file)
            docs = spark.read.text(corpus).selectExpr(
                "monotonically_increasing_id() AS doc", "value AS text"
            )
            documents = docs.count()
            mentions = tag_dataframe(docs, index_file).count()
        elif args.mode == "pipe":
            lines = spark.sparkContext.textFile(corpus, partitions)
            answers = lines.pipe(f"{args.canonym} tag --json -").map(json.loads)
            counts = answers.map(lambda a: (1, len(a["mentions"]))).reduce(
                lambda a, b: (a[0] + b[0], a[1] + b[1])
            )
            documents, mentions = counts
        else:
            documents = spark.read.text(corpus).count()
            mentions = 0
    spark.stop()
    print(documents, "documents", mentions, "mentions")


if __name__ == "__main__":
    main()
