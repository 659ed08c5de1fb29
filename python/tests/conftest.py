"""Fixtures shared by the tests: the default index, the repository, the canonym binary."""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

import canonym

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def index() -> canonym.Index:
    return canonym.Index.default()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def canonym_bin() -> str:
    """The canonym binary: $CANONYM_BIN, else the repository's debug build. A missing binary
    fails the test (build it with `cargo build`) rather than skipping it."""
    path = os.environ.get("CANONYM_BIN") or str(REPO / "target" / "debug" / "canonym")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no canonym binary at {path}: run `cargo build` or set CANONYM_BIN")
    return path


@pytest.fixture(scope="session")
def seed_paragraphs(repo: Path) -> List[str]:
    """The paragraphs of the seed articles: real French news text, one document each."""
    paragraphs = []
    for path in sorted((repo / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs.extend(p.strip() for p in text.split("\n\n") if p.strip())
    return paragraphs


def binary_tag(canonym_bin: str, docs: Dict[str, str], *args: str) -> Dict[str, list]:
    """`canonym tag --json -` of each document: its mentions as the binary writes them, by
    document ID."""
    lines = "".join(json.dumps({"doc": doc, "text": text}) + "\n" for doc, text in docs.items())
    run = subprocess.run(
        [canonym_bin, "tag", "--json", *args, "-"],
        input=lines.encode(),
        stdout=subprocess.PIPE,
        check=False,
    )
    assert run.returncode in (0, 1), run.returncode  # 1: no mention in any document
    answers = [json.loads(line) for line in run.stdout.decode().splitlines()]
    return {answer["doc"]: answer["mentions"] for answer in answers}
