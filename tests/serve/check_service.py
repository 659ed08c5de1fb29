"""`canonym serve` as its clients see it: the real binary on a free loopback port,

(a) a reconciliation client from PyPI (py-reconciliation-service-api) reconciling the column
    of names in names.tsv, and the same batch sent as OpenRefine sends it (a form-encoded
    POST with type_strict "should"), with requests;
(b) every reconciliation response checked against the shapes of the Reconciliation Service
    API v0.2 (the checks below are written from the specification's schemas, with jsonschema);
(c) schemathesis run against /openapi.json for a bounded number of examples and time.

Usage: check_service.py CANONYM_BINARY SCHEMATHESIS_BINARY. Exit status 0 when all passed.
"""

import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import requests
from py_reconciliation_service_api import build_reconciliation_service
from py_reconciliation_service_api.models.reconciliation import (
    ReconciliationQuery,
    ReconciliationQueryProperty,
)

HERE = Path(__file__).parent

# --- The Reconciliation Service API v0.2 response shapes -------------------------------------

TYPE = {
    "oneOf": [
        {"type": "object", "required": ["id"],
         "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
        {"type": "string"},
    ]
}
SERVICE = {
    "type": "object",
    "properties": {name: {"type": "string"} for name in
                   ("service_url", "service_path", "flyout_service_url")},
}
TEMPLATE = {"type": "string", "pattern": r"\{\{id\}\}"}
MANIFEST = {
    "type": "object",
    "required": ["versions", "name", "identifierSpace", "schemaSpace"],
    "properties": {
        "versions": {"type": "array", "items": {"type": "string"}, "contains": {"const": "0.2"}},
        "name": {"type": "string"},
        "identifierSpace": {"type": "string"},
        "schemaSpace": {"type": "string"},
        "defaultTypes": {"type": "array", "items": TYPE, "uniqueItems": True},
        "view": {"type": "object", "required": ["url"], "properties": {"url": TEMPLATE}},
        "preview": {
            "type": "object",
            "required": ["url", "width", "height"],
            "properties": {"url": TEMPLATE, "width": {"type": "integer"},
                           "height": {"type": "integer"}},
        },
        "suggest": {"type": "object",
                    "properties": {k: SERVICE for k in ("entity", "property", "type")}},
        "extend": {
            "type": "object",
            "properties": {"propose_properties": SERVICE,
                           "property_settings": {"type": "array"}},
        },
    },
}
CANDIDATE = {
    "type": "object",
    "required": ["id", "name", "score"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "score": {"type": "number"},
        "match": {"type": "boolean"},
        "type": {"type": "array", "items": TYPE},
    },
}
RESULT_BATCH = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "required": ["result"],
        "properties": {"result": {"type": "array", "items": CANDIDATE}},
    },
}
SUGGEST_ENTITIES = {
    "type": "object",
    "required": ["result"],
    "properties": {"result": {"type": "array", "items": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                       "description": {"type": "string"},
                       "notable": {"type": "array", "items": TYPE}},
    }}},
}
SUGGEST_PLAIN = {
    "type": "object",
    "required": ["result"],
    "properties": {"result": {"type": "array", "items": {
        "type": "object", "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    }}},
}
PROPOSED = {
    "type": "object",
    "required": ["properties"],
    "properties": {"type": {"type": "string"}, "properties": {"type": "array", "items": {
        "type": "object", "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    }}},
}


def cell(key, schema):
    return {"type": "object", "required": [key], "properties": {key: schema},
            "additionalProperties": False}


EXTEND_RESPONSE = {
    "type": "object",
    "required": ["meta", "rows"],
    "properties": {
        "meta": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
        }},
        "rows": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": {"type": "array", "items": {"oneOf": [
                {"type": "object", "required": ["id", "name"], "additionalProperties": False,
                 "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                "description": {"type": "string"}}},
                cell("str", {"type": "string"}),
                cell("float", {"type": "number"}),
                cell("int", {"type": "integer"}),
                cell("bool", {"type": "boolean"}),
                cell("date", {"type": "string"}),
            ]}},
        }},
    },
}


def valid(instance, schema, what):
    try:
        jsonschema.validate(instance, schema)
    except jsonschema.ValidationError as error:
        raise AssertionError(f"{what} does not follow the Reconciliation API: {error.message}")


# --- The server --------------------------------------------------------------------------------


class Server:
    """`canonym serve --addr 127.0.0.1:0`, its address read from its standard error."""

    def __init__(self, binary):
        self.process = subprocess.Popen(
            [binary, "serve", "--addr", "127.0.0.1:0"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stderr:
            if line.startswith("canonym: listening on "):
                self.url = line.split()[-1]
                break
        else:
            raise RuntimeError("the server stopped before listening")
        # Keep reading the logs, so that the pipe never fills.
        self.logs = []
        threading.Thread(target=lambda: self.logs.extend(self.process.stderr), daemon=True).start()

    def stop(self):
        """SIGTERM; the server must drain and exit 0."""
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=30)
        assert status == 0, f"exit status {status} after SIGTERM"


def read_table():
    rows = []
    for line in (HERE / "names.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t") + [""] * 5
        name, expected, match, kind, country = fields[:5]
        rows.append({"name": name, "expected": expected, "match": match == "yes",
                     "type": kind or None, "country": country or None})
    return rows


def check_client(base, rows):
    """(a) The PyPI client reconciles the column: right IDs, match where safe."""
    service = build_reconciliation_service(f"{base}/reconcile")
    queries = []
    for row in rows:
        properties = None
        if row["country"]:
            properties = [ReconciliationQueryProperty(pid="country", v=row["country"])]
        queries.append(ReconciliationQuery(query=row["name"], type=row["type"],
                                           properties=properties))
    results = service.reconcile_batch(queries)
    for row, result in zip(rows, results):
        candidates = result.result
        if not row["expected"]:
            assert not candidates, f"{row['name']}: expected nothing, got {candidates[0].id}"
            continue
        assert candidates, f"{row['name']}: nothing found"
        best = candidates[0]
        assert best.id == row["expected"], f"{row['name']}: {best.id}, not {row['expected']}"
        assert best.match == row["match"], f"{row['name']}: match is {best.match}"
        assert 0 <= best.score <= 100
        assert all(c.match is False for c in candidates[1:]), f"{row['name']}: two matches"
    print(f"client: {len(rows)} names reconciled as expected")


def check_openrefine_batch(base, rows):
    """(a, b) The batch as OpenRefine sends it: form-encoded, type_strict "should"."""
    queries = {}
    for i, row in enumerate(rows):
        query = {"query": row["name"], "type_strict": "should", "limit": 6}
        if row["type"]:
            query["type"] = row["type"]
        if row["country"]:
            query["properties"] = [{"pid": "country", "v": row["country"]}]
        queries[f"q{i}"] = query
    response = requests.post(f"{base}/reconcile", data={"queries": json.dumps(queries)},
                             timeout=30)
    assert response.status_code == 200, response.text
    answer = response.json()
    valid(answer, RESULT_BATCH, "the result batch")
    assert list(answer) == list(queries), "results not under the queries' keys"
    for i, row in enumerate(rows):
        result = answer[f"q{i}"]["result"]
        assert len(result) <= 6
        if row["expected"]:
            assert result[0]["id"] == row["expected"], (row["name"], result[0]["id"])
            assert result[0]["match"] == row["match"], row["name"]
    # By GET too, as older clients send it.
    by_get = requests.get(f"{base}/reconcile", params={"queries": json.dumps(queries)},
                          timeout=30)
    assert by_get.json() == answer
    print("OpenRefine-shaped batch: answered by key, shapes valid")


def check_shapes(base):
    """(b) The other reconciliation responses against the specification's shapes."""
    manifest = requests.get(f"{base}/reconcile", timeout=30).json()
    valid(manifest, MANIFEST, "the manifest")
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        url = service["service_url"] + service["service_path"]
        answer = requests.get(url, params={"prefix": "ma"}, timeout=30).json()
        valid(answer, SUGGEST_ENTITIES if kind == "entity" else SUGGEST_PLAIN,
              f"suggest/{kind}")
    suggested = requests.get(f"{base}/reconcile/suggest/entity", params={"prefix": "bamak"},
                             timeout=30).json()
    assert suggested["result"][0]["id"] == "place/bamako", suggested

    propose = manifest["extend"]["propose_properties"]
    proposed = requests.get(propose["service_url"] + propose["service_path"],
                            params={"type": "place"}, timeout=30).json()
    valid(proposed, PROPOSED, "properties/propose")
    extend = {"ids": ["place/mali", "group/jnim", "place/nowhere"],
              "properties": [{"id": p["id"]} for p in proposed["properties"]]}
    rows = requests.post(f"{base}/reconcile", data={"extend": json.dumps(extend)},
                         timeout=30).json()
    valid(rows, EXTEND_RESPONSE, "the data extension")
    assert rows["rows"]["place/mali"]["wikidata"] == [{"str": "Q912"}], rows["rows"]["place/mali"]

    preview_url = manifest["preview"]["url"].replace("{{id}}", "group/jnim")
    preview = requests.get(preview_url, timeout=30)
    assert preview.status_code == 200 and preview.headers["content-type"].startswith("text/html")
    view = requests.get(manifest["view"]["url"].replace("{{id}}", "group/jnim"), timeout=30)
    assert view.status_code == 200 and view.text == preview.text
    print("manifest, suggest, propose, extend, preview, view: shapes valid")


def run_schemathesis(base, schemathesis):
    """(c) schemathesis against /openapi.json: bounded by examples per operation and time."""
    command = [schemathesis, "--config-file", str(HERE / "schemathesis.toml"), "run",
               f"{base}/openapi.json", "--max-examples", "20", "--seed", "1",
               "--max-time", "60", "--no-color"]
    done = subprocess.run(command, capture_output=True, text=True)
    tail = "\n".join(done.stdout.splitlines()[-12:])
    assert done.returncode == 0, f"schemathesis failed:\n{done.stdout}\n{done.stderr}"
    print(f"schemathesis:\n{tail}")


def main():
    binary, schemathesis = sys.argv[1], sys.argv[2]
    server = Server(binary)
    try:
        rows = read_table()
        check_client(server.url, rows)
        check_openrefine_batch(server.url, rows)
        check_shapes(server.url)
        run_schemathesis(server.url, schemathesis)
    except BaseException:
        server.process.kill()
        sys.stderr.write("".join(server.logs[-20:]))
        raise
    server.stop()
    print("canonym serve: all checks passed")


if __name__ == "__main__":
    main()
