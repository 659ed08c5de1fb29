//! `canonym serve` as a real process on a free loopback port, spoken to over real TCP: the
//! JSON API against the command line's `--json`, the reconciliation API, every kind of bad
//! request, reload on SIGHUP and the drain on SIGTERM.
//!
//! The client is a few lines of HTTP/1.1 over a `TcpStream` rather than a client crate: the
//! error tests need bytes no well-behaved client sends (invalid UTF-8, a body that never
//! comes, a body sent after the server was told to stop).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A running `canonym serve`, killed when dropped; its standard error is collected.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_canonym"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let stderr = Arc::new(Mutex::new(String::new()));
        let addr = loop {
            let line = lines
                .next()
                .expect("the server stopped before listening")
                .unwrap();
            stderr.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(addr) = line.strip_prefix("canonym: listening on http://") {
                break addr.to_string();
            }
        };
        let collected = Arc::clone(&stderr);
        thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                collected.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        Server {
            child,
            addr,
            stderr,
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
    }

    /// Sends a request with `Connection: close` and reads the whole response.
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream
            .write_all(&head(method, path, headers, body.len()))
            .unwrap();
        stream.write_all(body).unwrap();
        Reply::read(&mut stream)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[], b"")
    }

    fn post_json(&self, path: &str, body: &Value) -> Reply {
        let body = body.to_string();
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }

    fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.join("&").as_bytes(),
        )
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit by itself.
    fn wait(mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn logs(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn head(method: &str, path: &str, headers: &[(&str, &str)], length: usize) -> Vec<u8> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: test.local\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A response: status, headers (names lowercased), body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn read(stream: &mut TcpStream) -> Reply {
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
        {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "status {}: {}",
            self.status,
            self.text()
        );
        serde_json::from_slice(&self.body).unwrap()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The answer is a JSON error with this status, and CORS headers like every answer.
    fn assert_error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.header("access-control-allow-origin"), Some("*"));
        let body = self.json();
        assert_eq!(body["status"], status);
        body["error"].as_str().unwrap().to_string()
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 2 + size + 2..];
    }
}

fn cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn resolve_and_tag_answer_as_the_command_line_does() {
    let server = Server::start(&[]);
    let one = server.get("/resolve?q=Tin%20Zaouatine&lang=fr");
    assert_eq!(one.status, 200);
    let expected = json_lines(&cli(
        &["resolve", "--json", "--lang", "fr", "Tin Zaouatine"],
        "",
    ));
    assert_eq!(one.json(), expected[0]);
    assert_eq!(one.json()["candidates"][0]["id"], "place/tinzaouatene");

    let queries = json!(["GSIM", {"query": "Kidal", "row": 7}, "Nowhere-at-all"]);
    let many = server.post_json("/resolve?limit=1", &queries);
    let stdin = "GSIM\n{\"query\":\"Kidal\",\"row\":7}\nNowhere-at-all\n";
    let expected = json_lines(&cli(&["resolve", "--json", "--limit", "1", "-"], stdin));
    assert_eq!(many.json(), Value::Array(expected));
    assert_eq!(many.json()[1]["row"], 7);
    assert_eq!(many.json()[2]["candidates"], json!([]));

    let texts = json!([
        "Les FAMa ont repris Kidal aux rebelles du CSP-DPA.",
        {"text": "Le GSIM à Tin Zaouatine.", "source": "x"}
    ]);
    let tagged = server.post_json("/tag", &texts);
    let stdin = "Les FAMa ont repris Kidal aux rebelles du CSP-DPA.\n\
                 {\"text\":\"Le GSIM à Tin Zaouatine.\",\"source\":\"x\"}\n";
    let expected = json_lines(&cli(&["tag", "--json", "-"], stdin));
    assert_eq!(tagged.json(), Value::Array(expected.clone()));

    // One document as plain text: one object, as the first line above.
    let plain = server.request(
        "POST",
        "/tag",
        &[("Content-Type", "text/plain; charset=utf-8")],
        "Les FAMa ont repris Kidal aux rebelles du CSP-DPA.".as_bytes(),
    );
    assert_eq!(plain.json(), expected[0]);

    let health = server.get("/healthz").json();
    assert_eq!(health["status"], "ok");
    assert!(health["entities"].as_u64().unwrap() > 100);
    // The log line may reach us a little after the answer: the server writes it to a pipe.
    let logged = || {
        let logs = server.logs();
        logs.contains("path=\"/healthz\"") && logs.contains("status=200")
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !logged() {
        assert!(
            Instant::now() < deadline,
            "no request log in {}",
            server.logs()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn log_json_writes_one_json_object_per_request() {
    let server = Server::start(&["--log-json"]);
    assert_eq!(server.get("/resolve?q=GSIM").status, 200);
    server.get("/nowhere").assert_error(404);
    let deadline = Instant::now() + Duration::from_secs(10);
    let requests = loop {
        let requests: Vec<Value> = server
            .logs()
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|event| event["fields"]["message"] == "request")
            .collect();
        if requests.len() == 2 || Instant::now() > deadline {
            break requests;
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(requests.len(), 2, "{}", server.logs());
    assert_eq!(requests[0]["fields"]["path"], "/resolve");
    assert_eq!(requests[0]["fields"]["status"], 200);
    assert_eq!(requests[0]["fields"]["method"], "GET");
    assert!(requests[0]["fields"]["micros"].is_u64());
    assert_eq!(requests[1]["fields"]["status"], 404);
}

#[test]
fn the_openapi_document_names_every_route() {
    let server = Server::start(&[]);
    let document = server.get("/openapi.json").json();
    assert_eq!(document["openapi"], "3.0.3");
    for path in [
        "/healthz",
        "/resolve",
        "/tag",
        "/reconcile",
        "/reconcile/suggest/entity",
        "/reconcile/preview",
        "/reconcile/view/{id}",
        "/reconcile/properties/propose",
    ] {
        assert!(
            document["paths"].get(path).is_some(),
            "{path} is not documented"
        );
    }
}

#[test]
fn the_manifest_describes_the_service_and_comes_as_jsonp_too() {
    let server = Server::start(&[]);
    let manifest = server.get("/reconcile").json();
    assert_eq!(manifest["versions"], json!(["0.1", "0.2"]));
    assert_eq!(
        manifest["defaultTypes"],
        json!([
            {"id": "group", "name": "Armed group"},
            {"id": "organization", "name": "Organization"},
            {"id": "place", "name": "Place"},
            {"id": "person", "name": "Person"},
        ])
    );
    assert_eq!(
        manifest["view"]["url"],
        "http://test.local/reconcile/view/{{id}}"
    );
    assert_eq!(
        manifest["preview"]["url"],
        "http://test.local/reconcile/preview?id={{id}}"
    );
    assert_eq!(
        manifest["suggest"]["entity"]["service_path"],
        "/suggest/entity"
    );

    let jsonp = server.get("/reconcile?callback=jQuery123_456&_=1700000000");
    assert_eq!(jsonp.status, 200);
    assert_eq!(jsonp.header("content-type"), Some("application/javascript"));
    let text = jsonp.text();
    let inner = text
        .strip_prefix("/**/jQuery123_456(")
        .and_then(|t| t.strip_suffix(");"))
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(inner).unwrap(), manifest);
    server
        .get("/reconcile?callback=alert(1)//")
        .assert_error(422);
}

#[test]
fn reconciliation_queries_give_ids_scores_and_safe_matches() {
    let server = Server::start(&[]);
    let queries = json!({
        "q0": {"query": "GSIM"},
        "q1": {"query": "Kidal", "type": "place", "type_strict": "should"},
        "q2": {"query": "Tin Zaouatine", "properties": [{"pid": "country", "v": "DZ"}]},
        "q3": {"query": "Kidal", "type": "group"},
        "q4": {"query": "Tinzaouatene", "limit": 1},
        "q5": {"query": "Tin Zaouatine", "properties": [{"pid": "country", "v": "Mali"}]},
    });
    let by_post = server.post_form("/reconcile", &[("queries", &queries.to_string())]);
    let answer = by_post.json();
    let by_get = server.get(&format!(
        "/reconcile?queries={}",
        percent_encode(&queries.to_string())
    ));
    assert_eq!(by_get.json(), answer);

    let q0 = &answer["q0"]["result"][0];
    assert_eq!(q0["id"], "group/jnim");
    assert_eq!(q0["score"], 100.0);
    assert_eq!(q0["match"], true, "{answer}");
    assert_eq!(q0["type"], json!([{"id": "group", "name": "Armed group"}]));
    assert!(q0["description"].as_str().unwrap().contains("GSIM"));

    // The town and the region tie: neither is safe to accept.
    let q1 = answer["q1"]["result"].as_array().unwrap();
    assert_eq!(q1[0]["id"], "place/kidal");
    assert_eq!(q1[1]["id"], "place/kidal-region");
    assert!(q1.iter().all(|r| r["match"] == false));

    // The country rules out the Malian town, leaving the Algerian one alone.
    let q2 = answer["q2"]["result"].as_array().unwrap();
    assert_eq!(q2[0]["id"], "place/tinzaouatine-algeria");
    assert_eq!(q2[0]["match"], true);
    assert!(q2.iter().all(|r| r["id"] != "place/tinzaouatene"));

    assert_eq!(answer["q3"]["result"], json!([]));
    assert_eq!(answer["q4"]["result"].as_array().unwrap().len(), 1);
    // A country given by name is read through the lexicon.
    assert_eq!(answer["q5"]["result"][0]["id"], "place/tinzaouatene");
    assert_eq!(answer["q5"]["result"][0]["match"], true);
}

#[test]
fn suggest_preview_view_and_extend_describe_entities() {
    let server = Server::start(&[]);
    let suggested = server.get("/reconcile/suggest/entity?prefix=Tinz").json();
    let ids: Vec<&str> = suggested["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"place/tinzaouatene"), "{suggested}");
    // Folded like a query: case and accents do not matter.
    let accented = server
        .get("/reconcile/suggest/entity?prefix=TINZAOUAT%C3%88")
        .json();
    assert_eq!(accented["result"][0]["id"], "place/tinzaouatene");
    let none = server
        .get("/reconcile/suggest/entity?prefix=qqqqzzzz")
        .json();
    assert_eq!(none["result"], json!([]));
    let groups = server
        .get("/reconcile/suggest/entity?prefix=ji&type=group")
        .json();
    assert!(groups["result"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["notable"][0]["id"] == "group"));

    let types = server.get("/reconcile/suggest/type?prefix=pl").json();
    assert_eq!(types["result"], json!([{"id": "place", "name": "Place"}]));
    let properties = server.get("/reconcile/suggest/property?prefix=wiki").json();
    assert_eq!(properties["result"][0]["id"], "wikidata");

    let preview = server.get("/reconcile/preview?id=place%2Fmali");
    assert_eq!(preview.status, 200);
    assert!(preview
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let html = preview.text();
    assert!(
        html.contains("<h1>Mali</h1>") && html.contains("wikidata.org/wiki/Q912"),
        "{html}"
    );
    // An apostrophe of the lexicon is escaped.
    let jnim = server.get("/reconcile/preview?id=group/jnim").text();
    assert!(jnim.contains("Jama&#39;at Nusrat al-Islam"), "{jnim}");
    assert!(!jnim.contains("Jama'at"));
    // The ID's slash, as is or percent-encoded.
    assert_eq!(server.get("/reconcile/view/place/mali").text(), html);
    assert_eq!(server.get("/reconcile/view/place%2Fmali").text(), html);
    server
        .get("/reconcile/view/place/atlantis")
        .assert_error(404);

    let proposed = server
        .get("/reconcile/properties/propose?type=place")
        .json();
    assert_eq!(proposed["type"], "place");
    let extend = json!({
        "ids": ["place/mali", "group/jnim", "place/atlantis"],
        "properties": [{"id": "wikidata"}, {"id": "countries"}, {"id": "kind"}, {"id": "affiliated_with"}]
    });
    let rows = server
        .post_form("/reconcile", &[("extend", &extend.to_string())])
        .json();
    assert_eq!(
        rows["meta"][0],
        json!({"id": "wikidata", "name": "Wikidata QID"})
    );
    assert_eq!(
        rows["rows"]["place/mali"]["wikidata"],
        json!([{"str": "Q912"}])
    );
    assert_eq!(
        rows["rows"]["place/mali"]["countries"],
        json!([{"str": "ML"}])
    );
    assert_eq!(
        rows["rows"]["group/jnim"]["kind"],
        json!([{"str": "group"}])
    );
    assert!(rows["rows"]["group/jnim"]["affiliated_with"]
        .as_array()
        .unwrap()
        .iter()
        .any(|cell| cell["id"] == "group/al-qaida"));
    assert_eq!(rows["rows"]["place/atlantis"]["wikidata"], json!([]));
    let unknown = json!({"ids": ["place/mali"], "properties": [{"id": "population"}]});
    server
        .post_form("/reconcile", &[("extend", &unknown.to_string())])
        .assert_error(422);
}

#[test]
fn bad_requests_get_json_errors_and_the_server_keeps_serving() {
    let server = Server::start(&["--max-body", "2000", "--max-batch", "50"]);
    let json = [("Content-Type", "application/json")];
    // Malformed JSON, invalid UTF-8, wrong types, unknown fields and parameters.
    server
        .request("POST", "/resolve", &json, b"[\"GSIM\"")
        .assert_error(400);
    server
        .request("POST", "/resolve", &json, b"[\"\xff\xfe\"]")
        .assert_error(400);
    let plain = [("Content-Type", "text/plain")];
    server
        .request("POST", "/tag", &plain, b"Kidal \xc3")
        .assert_error(400);
    server
        .post_json("/resolve", &json!({"query": "GSIM"}))
        .assert_error(422);
    server.post_json("/resolve", &json!([42])).assert_error(422);
    server
        .post_json("/resolve", &json!([{"query": 1}]))
        .assert_error(422);
    server
        .post_json("/tag", &json!([{"body": "x"}]))
        .assert_error(422);
    let unknown = server.get("/resolve?q=GSIM&colour=red").assert_error(400);
    assert!(unknown.contains("colour"), "{unknown}");
    server.get("/resolve?q=GSIM&limit=0").assert_error(422);
    server.get("/resolve?q=GSIM&limit=many").assert_error(400);
    server.get("/resolve?q=GSIM&lang=FR").assert_error(422);
    server.get("/resolve?q=GSIM&min_score=2").assert_error(422);
    server.get("/resolve").assert_error(400);
    server
        .post_json("/tag?overlaps=some", &json!("x"))
        .assert_error(400);
    let bad_query = json!({"q0": {"query": "GSIM", "colour": "red"}});
    server
        .post_form("/reconcile", &[("queries", &bad_query.to_string())])
        .assert_error(422);
    let wrong_type = json!({"q0": {"query": ["GSIM"]}});
    server
        .post_form("/reconcile", &[("queries", &wrong_type.to_string())])
        .assert_error(422);
    server
        .post_form("/reconcile", &[("queries", "{not json")])
        .assert_error(400);
    server
        .post_form("/reconcile", &[("queries", "[]")])
        .assert_error(422);
    // Too much: a body over --max-body, a batch over --max-batch.
    let huge = vec![b'a'; 5000];
    server
        .request("POST", "/tag", &plain, &huge)
        .assert_error(413);
    let batch: Vec<String> = (0..51).map(|i| format!("q{i}")).collect();
    server
        .post_json("/resolve", &json!(batch))
        .assert_error(413);
    // Unknown routes and methods.
    server.get("/nowhere").assert_error(404);
    let wrong_method = server.request("DELETE", "/resolve", &[], b"");
    wrong_method.assert_error(405);
    assert!(wrong_method.header("allow").is_some());
    // A preflight from a browser on another origin.
    let preflight = server.request(
        "OPTIONS",
        "/reconcile",
        &[
            ("Origin", "https://openrefine.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));

    assert_eq!(server.get("/healthz").json()["status"], "ok");
}

#[test]
fn a_client_too_slow_to_send_its_body_gets_408() {
    let server = Server::start(&["--timeout", "0.5"]);
    let mut stream = server.connect();
    let head = head(
        "POST",
        "/resolve",
        &[("Content-Type", "application/json")],
        20,
    );
    stream.write_all(&head).unwrap();
    stream.write_all(b"[\"GS").unwrap();
    let started = Instant::now();
    Reply::read(&mut stream).assert_error(408);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_client_that_never_finishes_its_request_head_is_disconnected() {
    let server = Server::start(&["--timeout", "0.5"]);
    let mut stream = server.connect();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test.local\r\n")
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    // The server closes the connection: the read ends (with no bytes) instead of waiting.
    let _ = stream.read_to_end(&mut rest);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_exits_0() {
    let server = Server::start(&[]);
    let body = br#"["GSIM","Kidal"]"#;
    let mut stream = server.connect();
    stream
        .write_all(&head("POST", "/resolve", &[], body.len()))
        .unwrap();
    stream.write_all(&body[..4]).unwrap();
    // The request is in flight: its head is read, its body half sent.
    thread::sleep(Duration::from_millis(300));
    server.signal("TERM");
    thread::sleep(Duration::from_millis(300));
    stream.write_all(&body[4..]).unwrap();
    let reply = Reply::read(&mut stream);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()[0]["candidates"][0]["id"], "group/jnim");
    let logs = server.stderr.clone();
    let status = server.wait();
    assert!(status.success(), "{status:?}");
    // The reader thread may still be taking in the last lines of the closed pipe.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !logs.lock().unwrap().contains("SIGTERM") {
        assert!(Instant::now() < deadline, "{}", logs.lock().unwrap());
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sighup_reloads_a_rebuilt_index_file() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    let entity = |id: &str, name: &str| {
        format!(
            "[[entity]]\nid = \"{id}\"\nkind = \"place\"\nlabel = {{ en = \"{name}\" }}\n\
             names = [{{ text = \"{name}\", lang = \"en\", form = \"full\", source = \"test\" }}]\n"
        )
    };
    let toml = lexicon.join("places.toml");
    std::fs::write(&toml, entity("place/alpha", "Alphaville")).unwrap();
    let index = dir.path().join("test.canonym");
    let build = |out: &std::path::Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_canonym"))
            .args([
                "build",
                lexicon.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    build(&index);
    let server = Server::start(&["--lexicon", index.to_str().unwrap()]);
    let found = |name: &str| -> Vec<Value> {
        let reply = server.get(&format!("/resolve?q={name}")).json();
        reply["candidates"].as_array().unwrap().clone()
    };
    assert_eq!(found("Alphaville")[0]["id"], "place/alpha");
    assert!(found("Betaburg").is_empty());

    let both = entity("place/alpha", "Alphaville") + &entity("place/beta", "Betaburg");
    std::fs::write(&toml, both).unwrap();
    build(&index); // written atomically: the old file stays mapped until the swap
    server.signal("HUP");
    let deadline = Instant::now() + Duration::from_secs(10);
    while found("Betaburg").is_empty() {
        assert!(Instant::now() < deadline, "no reload: {}", server.logs());
        thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(found("Betaburg")[0]["id"], "place/beta");
    assert_eq!(found("Alphaville")[0]["id"], "place/alpha");

    // A broken file is refused and the old index kept.
    // (Replaced by a rename, as `canonym build` does: a file written in place would change
    // the mapped bytes under the server.)
    let broken = dir.path().join("broken.canonym");
    std::fs::write(&broken, b"not an index").unwrap();
    std::fs::rename(&broken, &index).unwrap();
    server.signal("HUP");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server.logs().contains("reload failed") {
        assert!(Instant::now() < deadline, "{}", server.logs());
        thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(found("Betaburg")[0]["id"], "place/beta");
}

#[test]
fn layered_lexicons_are_served_together() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(
        mine.join("places.toml"),
        "[[entity]]\nid = \"place/kafoulabougou\"\nkind = \"place\"\nlabel = { fr = \"Kafoulabougou\" }\n\
         names = [{ text = \"Kafoulabougou\", lang = \"fr\", form = \"full\", source = \"test\" }]\n",
    )
    .unwrap();
    let server = Server::start(&["--lexicon", "@sahel", "--lexicon", mine.to_str().unwrap()]);
    let top = |name: &str| {
        server.get(&format!("/resolve?q={name}")).json()["candidates"][0]["id"].clone()
    };
    assert_eq!(top("Kafoulabougou"), "place/kafoulabougou");
    assert_eq!(top("Tinzaouatene"), "place/tinzaouatene");
}
