//! `peers`: canonym side by side with the Rust peers, in one run, on one data set.
//!
//! Loads the GeoNames lexicon through canonym, builds the canonym index in memory, writes the
//! shared data files for the Python peers (target/peers/data), then times:
//!
//! * exact lookup: `Index::resolve` vs a `HashMap<String, Vec<u32>>` of the same folded keys;
//! * tagging a long text: `Index::tag` vs aho-corasick and daachorse automata over the same
//!   folded names, run over the folded text (the raw automaton ceiling);
//! * fuzzy: `Index::resolve` on names misspelled by one and by two edits.
//!
//! Prints one JSON object on stdout; progress goes to stderr.
//!
//! Usage: peers [--geonames FILE] [--seeds DIR] [--out DIR] [--queries N] [--fuzzy N]
//!              [--text-mb MB] [--reps N] [--tag-reps N] [--profile exact|tag|fuzzy1|fuzzy2]
//!
//! `--tag-reps` also sets the repetitions of the fuzzy runs. `--profile TASK` prepares the data,
//! then loops one canonym task for 20 s and exits, for `perf record -D 17000 ...`.

use std::collections::HashMap;
use std::error::Error;
use std::fs;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use canonym::normalize::{self, Layer};
use serde_json::{json, Value};

type Res<T> = std::result::Result<T, Box<dyn Error>>;

/// Deterministic generator (SplitMix64): the same seed gives the same data everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEED: u64 = 0x5EED_CA70_0001;

struct Args {
    geonames: PathBuf,
    seeds: PathBuf,
    out: PathBuf,
    queries: usize,
    fuzzy: usize,
    text_mb: f64,
    reps: usize,
    tag_reps: usize,
    profile: Option<String>,
}

fn args() -> Res<Args> {
    let mut a = Args {
        geonames: "target/geonames/cities500.txt".into(),
        seeds: "seeds".into(),
        out: "target/peers/data".into(),
        queries: 100_000,
        fuzzy: 10_000,
        text_mb: 10.0,
        reps: 5,
        tag_reps: 3,
        profile: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--geonames" => a.geonames = value()?.into(),
            "--seeds" => a.seeds = value()?.into(),
            "--out" => a.out = value()?.into(),
            "--queries" => a.queries = value()?.parse()?,
            "--fuzzy" => a.fuzzy = value()?.parse()?,
            "--text-mb" => a.text_mb = value()?.parse()?,
            "--reps" => a.reps = value()?.parse()?,
            "--tag-reps" => a.tag_reps = value()?.parse()?,
            "--profile" => a.profile = Some(value()?),
            _ => return Err(format!("unknown argument {flag}").into()),
        }
    }
    Ok(a)
}

/// A line of /proc/self/status, in kB.
fn status_kb(field: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets VmHWM to the current RSS (Linux >= 4.0), so a phase's peak can be read after it.
fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Returns freed heap pages to the system (glibc), so that RSS reflects what is live.
fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim has no preconditions.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Records the peak RSS of the phase that just ended (VmHWM since the last reset), then
/// resets the mark for the next phase.
fn phase_peak(memory: &mut serde_json::Map<String, Value>, phase: &str) {
    memory.insert(format!("peak_rss_{phase}_mib"), mib(status_kb("VmHWM:")));
    reset_peak();
}

fn mib(kb: Option<u64>) -> Value {
    kb.map_or(Value::Null, |kb| {
        json!((kb as f64 / 1024.0 * 10.0).round() / 10.0)
    })
}

/// Times `f` (which returns a checksum) `warmup` + `reps` times; the median, min and max of
/// the timed runs, in seconds.
fn time<F: FnMut() -> u64>(warmup: usize, reps: usize, mut f: F) -> (Vec<f64>, u64) {
    let mut check = 0;
    for _ in 0..warmup {
        check = black_box(f());
    }
    let mut secs = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        check = black_box(f());
        secs.push(t.elapsed().as_secs_f64());
    }
    secs.sort_by(f64::total_cmp);
    (secs, check)
}

fn median(secs: &[f64]) -> f64 {
    let n = secs.len();
    if n % 2 == 1 {
        secs[n / 2]
    } else {
        (secs[n / 2 - 1] + secs[n / 2]) / 2.0
    }
}

/// The JSON of one measurement: `items` things (queries or bytes) per run.
fn result(secs: &[f64], items: usize, unit: &str, check: u64) -> Value {
    let m = median(secs);
    let mut v = json!({
        "median_s": m,
        "min_s": secs[0],
        "max_s": secs[secs.len() - 1],
        "reps": secs.len(),
        "items": items,
        "unit": unit,
        "checksum": check,
    });
    let o = v.as_object_mut().unwrap();
    match unit {
        "bytes" => {
            o.insert("mb_per_s".into(), json!(items as f64 / m / 1e6));
        }
        _ => {
            o.insert("per_s".into(), json!(items as f64 / m));
            o.insert("us_per_item".into(), json!(m / items as f64 * 1e6));
        }
    }
    v
}

fn write_lines<'a>(path: &Path, lines: impl IntoIterator<Item = &'a str>) -> Res<usize> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    let mut n = 0;
    for line in lines {
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions), by chars.
fn osa(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for j in 0..=b.len() {
        d[j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// One random edit (substitution, insertion, deletion or transposition) at an ASCII letter
/// of `name`, with lowercase ASCII letters.
fn edit_once(name: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphabetic())
        .collect();
    if letters.is_empty() {
        return None;
    }
    let at = letters[rng.below(letters.len())];
    let letter = (b'a' + rng.below(26) as u8) as char;
    match rng.below(4) {
        0 => chars[at] = letter,
        1 => chars.insert(at + rng.below(2), letter),
        2 => {
            chars.remove(at);
        }
        _ => {
            if at + 1 < chars.len() && chars[at + 1].is_ascii_alphabetic() {
                chars.swap(at, at + 1);
            } else {
                return None;
            }
        }
    }
    Some(chars.into_iter().collect())
}

/// A fuzzy query: the misspelled name, its folded key, the original folded key and entity.
struct Fuzzy {
    query: String,
    folded: String,
    original_folded: String,
    entity: String,
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default()
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether `text[start..end]` stands between word boundaries.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !is_word_char(text[..start].chars().next_back()) && !is_word_char(text[end..].chars().next())
}

fn main() -> Res<()> {
    let a = args()?;
    let t_all = Instant::now();
    fs::create_dir_all(&a.out)?;
    let mut out = serde_json::Map::new();
    let mut memory = serde_json::Map::new();
    let log = |s: &str| eprintln!("[peers {:7.1}s] {s}", t_all.elapsed().as_secs_f64());

    out.insert(
        "machine".into(),
        json!({
            "nproc": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            "cpu_model": cpu_model(),
            "kernel": fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim(),
            "loadavg_at_start": fs::read_to_string("/proc/loadavg").unwrap_or_default().trim(),
            "threads_used": 1,
        }),
    );
    let clear_refs = reset_peak();
    memory.insert("rss_at_start_mib".into(), mib(status_kb("VmRSS:")));

    // ---- Load and build ------------------------------------------------------------------
    log(&format!("reading {}", a.geonames.display()));
    let t = Instant::now();
    let (lexicon, report) = canonym::exchange::read_geonames(&a.geonames, None)?;
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let index_bytes = canonym::index::build(&lexicon)?;
    let build_s = t.elapsed().as_secs_f64();
    phase_peak(&mut memory, "load_and_build");
    let index_len = index_bytes.len();
    let index = canonym::Index::new(index_bytes)?;
    // As a user would after building or opening an index: `verify` checks every string once,
    // so that reads skip the UTF-8 check.
    let t = Instant::now();
    index.verify()?;
    let verify_s = t.elapsed().as_secs_f64();
    log(&format!(
        "{} places, {} names; read in {load_s:.1}s, index built in {build_s:.1}s ({:.1} MiB), \
         verified in {verify_s:.1}s",
        report.places,
        lexicon.name_count(),
        index_len as f64 / 1048576.0
    ));

    // Every variant (name), numbered as canonym numbers them: entities in ID order, names in
    // source order.
    let mut variants: Vec<(&str, u32)> = Vec::with_capacity(lexicon.name_count());
    for (e, entity) in lexicon.entities().iter().enumerate() {
        for name in &entity.names {
            variants.push((name.text.as_str(), e as u32));
        }
    }

    // The HashMap peer: folded key -> variant numbers.
    let t = Instant::now();
    let mut map: HashMap<String, Vec<u32>> = HashMap::new();
    for (v, (text, _)) in variants.iter().enumerate() {
        let key = normalize::folded(text);
        if !key.is_empty() {
            map.entry(key).or_default().push(v as u32);
        }
    }
    let map_build_s = t.elapsed().as_secs_f64();
    let map_heap: usize = map
        .iter()
        .map(|(k, v)| k.capacity() + v.capacity() * 4)
        .sum::<usize>()
        + map.capacity() * (std::mem::size_of::<(String, Vec<u32>)>() + 1);
    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let names_path = a.out.join("names.txt");
    write_lines(&names_path, keys.iter().copied())?;
    log(&format!(
        "{} folded keys -> {}",
        keys.len(),
        names_path.display()
    ));

    // ---- Queries -------------------------------------------------------------------------
    let mut rng = Rng(SEED);
    let exact: Vec<(String, u32)> = (0..a.queries)
        .map(|_| variants[rng.below(variants.len())])
        .map(|(q, e)| (q.to_string(), e))
        .collect();
    let exact_text: Vec<&str> = exact.iter().map(|(q, _)| q.as_str()).collect();
    let exact_folded: Vec<String> = exact_text.iter().map(|q| normalize::folded(q)).collect();
    write_lines(&a.out.join("queries_exact.txt"), exact_text.iter().copied())?;
    write_lines(
        &a.out.join("queries_exact_folded.txt"),
        exact_folded.iter().map(String::as_str),
    )?;

    // Misspellings: names whose folded key is ASCII (so folded = latin key, what both canonym's
    // fuzzy layer and the Python peers search), without digits, not short capitals, and long
    // enough for canonym's fuzzy layer to allow that many edits on the misspelled query too
    // (1 edit from 5 letters, 2 from 9).
    let entities = lexicon.entities();
    let mut fuzzy: [Vec<Fuzzy>; 2] = [Vec::new(), Vec::new()];
    for (k, set) in fuzzy.iter_mut().enumerate() {
        let edits = k + 1;
        let min_letters = if edits == 1 { 6 } else { 11 };
        let mut tries = 0usize;
        while set.len() < a.fuzzy && tries < a.fuzzy * 200 {
            tries += 1;
            let (text, e) = variants[rng.below(variants.len())];
            let folded = normalize::folded(text);
            let letters = folded.chars().filter(|c| *c != ' ').count();
            if !folded.is_ascii()
                || letters < min_letters
                || text.chars().any(|c| c.is_ascii_digit())
                || !text.chars().any(char::is_lowercase)
            {
                continue;
            }
            let mut query = text.to_string();
            for _ in 0..edits {
                match edit_once(&query, &mut rng) {
                    Some(q) => query = q,
                    None => break,
                }
            }
            let query_folded = normalize::folded(&query);
            if osa(&folded, &query_folded) != edits {
                continue;
            }
            set.push(Fuzzy {
                query,
                folded: query_folded,
                original_folded: folded,
                entity: entities[e as usize].id.clone(),
            });
        }
        let lines: Vec<String> = set
            .iter()
            .map(|f| {
                format!(
                    "{}\t{}\t{}\t{}",
                    f.query, f.folded, f.original_folded, f.entity
                )
            })
            .collect();
        write_lines(
            &a.out.join(format!("queries_fuzzy{edits}.tsv")),
            lines.iter().map(String::as_str),
        )?;
    }
    log(&format!(
        "queries: {} exact, {} + {} misspelled",
        exact.len(),
        fuzzy[0].len(),
        fuzzy[1].len()
    ));

    // ---- Text ----------------------------------------------------------------------------
    let mut seed_paths: Vec<PathBuf> = fs::read_dir(&a.seeds)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt") && !p.to_string_lossy().ends_with(".gold.tsv")
        })
        .collect();
    seed_paths.sort();
    let mut seeds = String::new();
    for p in &seed_paths {
        seeds.push_str(fs::read_to_string(p)?.trim_end());
        seeds.push_str("\n\n");
    }
    // Place names sprinkled between words: the main GeoNames name of a random place, every
    // 20 to 80 words.
    let target = (a.text_mb * 1e6) as usize;
    let mut text = String::with_capacity(target + 4096);
    let mut sprinkled = 0usize;
    let mut gap = 20 + rng.below(61);
    'fill: loop {
        for line in seeds.split_inclusive('\n') {
            let mut first = true;
            for word in line.split(' ') {
                if !first {
                    text.push(' ');
                }
                first = false;
                gap = gap.saturating_sub(1);
                if gap == 0 && !word.trim().is_empty() {
                    let place = &entities[rng.below(entities.len())].names[0].text;
                    text.push_str(place);
                    text.push(' ');
                    sprinkled += 1;
                    gap = 20 + rng.below(61);
                }
                text.push_str(word);
            }
            if text.len() >= target {
                break 'fill;
            }
        }
    }
    let text_folded: String = text
        .lines()
        .map(normalize::folded)
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(a.out.join("text.txt"), &text)?;
    fs::write(a.out.join("text_folded.txt"), &text_folded)?;
    log(&format!(
        "text: {} bytes ({} folded), {} seed articles repeated, {sprinkled} place names sprinkled",
        text.len(),
        text_folded.len(),
        seed_paths.len()
    ));
    out.insert(
        "data".into(),
        json!({
            "geonames_file": a.geonames.display().to_string(),
            "places": report.places,
            "names": lexicon.name_count(),
            "names_skipped_by_importer": report.skipped,
            "folded_keys": keys.len(),
            "folded_keys_bytes": keys.iter().map(|k| k.len() + 1).sum::<usize>(),
            "index_keys": {
                // Not stored (exact matches are found among the folded ones): counted here.
                "exact": lexicon
                    .entities()
                    .iter()
                    .flat_map(|e| &e.names)
                    .map(|n| normalize::exact(&n.text))
                    .collect::<std::collections::HashSet<_>>()
                    .len(),
                "folded": index.key_count(Layer::Folded)?,
                "latin": index.key_count(Layer::Latin)?,
                "skeleton": index.key_count(Layer::Skeleton)?,
            },
            "index_bytes": index_len,
            "load_s": load_s,
            "index_build_s": build_s,
            "index_verify_s": verify_s,
            "hashmap_build_s": map_build_s,
            "queries_exact": exact.len(),
            "queries_fuzzy1": fuzzy[0].len(),
            "queries_fuzzy2": fuzzy[1].len(),
            "text_bytes": text.len(),
            "text_folded_bytes": text_folded.len(),
            "text_seed_articles": seed_paths.len(),
            "text_sprinkled_names": sprinkled,
            "seed": SEED,
        }),
    );
    // The lexicon and the variant table are no longer needed: free them before measuring.
    let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    drop(variants);
    drop(lexicon);
    trim_heap();
    phase_peak(&mut memory, "data_prep");
    memory.insert(
        "rss_index_hashmap_queries_text_mib".into(),
        mib(status_kb("VmRSS:")),
    );

    // --profile TASK: run one canonym task in a loop for ~20 s, for a profiler (perf record
    // --delay past the set-up), then exit without measuring anything else.
    if let Some(task) = &a.profile {
        log(&format!("profile: {task} for 20 s"));
        let t = Instant::now();
        let mut check = 0u64;
        while t.elapsed().as_secs_f64() < 20.0 {
            check += match task.as_str() {
                "exact" => exact_text
                    .iter()
                    .map(|q| index.resolve(q).map_or(0, |c| c.len() as u64))
                    .sum::<u64>(),
                "tag" => index.tag(&text).map_or(0, |m| m.len() as u64),
                "fuzzy1" | "fuzzy2" => fuzzy[usize::from(task == "fuzzy2")]
                    .iter()
                    .map(|f| index.resolve(&f.query).map_or(0, |c| c.len() as u64))
                    .sum::<u64>(),
                _ => return Err(format!("--profile: unknown task {task}").into()),
            };
        }
        log(&format!("profile: done ({check})"));
        return Ok(());
    }

    // ---- (a) Exact lookup ----------------------------------------------------------------
    let reps = a.reps;
    let n = exact.len();
    let mut exact_out = serde_json::Map::new();
    log("exact: folded()");
    let (s, c) = time(1, reps, || {
        exact_text
            .iter()
            .map(|q| normalize::folded(q).len() as u64)
            .sum()
    });
    exact_out.insert("normalize_folded".into(), result(&s, n, "queries", c));
    log("exact: canonym's four keys");
    let (s, c) = time(1, reps, || {
        exact_text
            .iter()
            .map(|q| {
                Layer::KEYED
                    .iter()
                    .map(|l| l.key(q).len() as u64)
                    .sum::<u64>()
            })
            .sum()
    });
    exact_out.insert(
        "normalize_canonym_4_keys".into(),
        result(&s, n, "queries", c),
    );
    log("exact: HashMap");
    let (s, c) = time(1, reps, || {
        exact_text
            .iter()
            .map(|q| map.get(&normalize::folded(q)).map_or(0, |v| v.len() as u64))
            .sum()
    });
    exact_out.insert("hashmap_incl_folding".into(), result(&s, n, "queries", c));
    let (s, c) = time(1, reps, || {
        exact_folded
            .iter()
            .map(|k| map.get(k).map_or(0, |v| v.len() as u64))
            .sum()
    });
    exact_out.insert("hashmap_excl_folding".into(), result(&s, n, "queries", c));
    // Diagnostic: a bare FST map over the same folded keys (canonym stores them with the latin
    // keys in one FST).
    let fst_map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64)))?;
    let (s, c) = time(1, reps, || {
        exact_folded
            .iter()
            .map(|k| fst_map.get(k).unwrap_or(0))
            .sum()
    });
    exact_out.insert("fst_get_excl_folding".into(), result(&s, n, "queries", c));
    log("exact: canonym resolve");
    let (s, c) = time(1, reps, || {
        exact_text
            .iter()
            .map(|q| index.resolve(q).map_or(0, |c| c.len() as u64))
            .sum()
    });
    exact_out.insert("canonym_resolve".into(), result(&s, n, "queries", c));
    // Correctness: the query's own entity is among the candidates (and first).
    let mut found = 0usize;
    let mut first = 0usize;
    let mut candidates = 0usize;
    for (q, e) in &exact {
        let cands = index.resolve(q)?;
        candidates += cands.len();
        let id = ids[*e as usize].as_str();
        if cands.iter().any(|c| c.id == id) {
            found += 1;
        }
        if cands.first().is_some_and(|c| c.id == id) {
            first += 1;
        }
    }
    exact_out.insert(
        "canonym_quality".into(),
        json!({
            "own_entity_found": found as f64 / n as f64,
            "own_entity_first": first as f64 / n as f64,
            "mean_candidates": candidates as f64 / n as f64,
            "note": "own_entity_first < 1: a name shared by several places ranks the most populous first",
        }),
    );
    out.insert("exact".into(), Value::Object(exact_out));
    memory.insert("index_bytes".into(), json!(index_len));
    memory.insert("hashmap_heap_bytes_estimate".into(), json!(map_heap));
    memory.insert(
        "fst_map_bytes".into(),
        json!(fst_map.as_fst().as_bytes().len()),
    );
    drop(fst_map);
    phase_peak(&mut memory, "exact");

    // ---- (b) Tagging ---------------------------------------------------------------------
    let mut tag_out = serde_json::Map::new();
    let tb = text.len();
    log("tag: canonym Index::tag on the whole text (one document)");
    let (s, c) = time(0, a.tag_reps, || {
        index.tag(&text).map_or(0, |m| m.len() as u64)
    });
    log(&format!("  {:.2}s", median(&s)));
    tag_out.insert("canonym_tag".into(), result(&s, tb, "bytes", c));
    tag_out.get_mut("canonym_tag").unwrap()["mentions"] = json!(c);
    phase_peak(&mut memory, "canonym_tag");
    let rss_before = status_kb("VmRSS:");

    log("tag: building aho-corasick");
    let t = Instant::now();
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&keys)?;
    let ac_build_s = t.elapsed().as_secs_f64();
    let ac_kind = format!("{:?}", ac.kind());
    let ac_mem = ac.memory_usage();
    log(&format!(
        "  built in {ac_build_s:.1}s, {ac_kind}, {:.1} MiB",
        ac_mem as f64 / 1048576.0
    ));
    let tf = &text_folded;
    let tfb = tf.len();
    let (s, c) = time(1, reps, || {
        ac.find_iter(tf.as_str())
            .filter(|m| at_word_boundaries(tf, m.start(), m.end()))
            .count() as u64
    });
    let mut v = result(&s, tfb, "bytes", c);
    v["mentions"] = json!(c);
    v["build_s"] = json!(ac_build_s);
    v["automaton"] = json!(ac_kind);
    v["memory_bytes"] = json!(ac_mem);
    tag_out.insert("aho_corasick_leftmost_longest".into(), v);
    let (s, c) = time(1, reps, || ac.find_iter(tf.as_str()).count() as u64);
    let mut v = result(&s, tfb, "bytes", c);
    v["mentions"] = json!(c);
    v["note"] = json!("no word-boundary filter: raw scan");
    tag_out.insert("aho_corasick_raw".into(), v);
    memory.insert(
        "aho_corasick_rss_delta_mib".into(),
        mib(status_kb("VmRSS:")
            .zip(rss_before)
            .map(|(a, b)| a.saturating_sub(b))),
    );
    drop(ac);
    trim_heap();
    phase_peak(&mut memory, "aho_corasick");

    log("tag: building daachorse");
    let rss_before = status_kb("VmRSS:");
    let t = Instant::now();
    let da: daachorse::DoubleArrayAhoCorasick<u32> =
        daachorse::DoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| format!("daachorse: {e}"))?;
    let da_build_s = t.elapsed().as_secs_f64();
    let da_mem = da.heap_bytes();
    log(&format!(
        "  built in {da_build_s:.1}s, {:.1} MiB",
        da_mem as f64 / 1048576.0
    ));
    let (s, c) = time(1, reps, || {
        da.leftmost_find_iter(tf.as_str())
            .filter(|m| at_word_boundaries(tf, m.start(), m.end()))
            .count() as u64
    });
    let mut v = result(&s, tfb, "bytes", c);
    v["mentions"] = json!(c);
    v["build_s"] = json!(da_build_s);
    v["memory_bytes"] = json!(da_mem);
    tag_out.insert("daachorse_leftmost_longest".into(), v);
    drop(da);
    let t = Instant::now();
    let dac: daachorse::CharwiseDoubleArrayAhoCorasick<u32> =
        daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| format!("daachorse: {e}"))?;
    let dac_build_s = t.elapsed().as_secs_f64();
    let dac_mem = dac.heap_bytes();
    let (s, c) = time(1, reps, || {
        dac.leftmost_find_iter(tf.as_str())
            .filter(|m| at_word_boundaries(tf, m.start(), m.end()))
            .count() as u64
    });
    let mut v = result(&s, tfb, "bytes", c);
    v["mentions"] = json!(c);
    v["build_s"] = json!(dac_build_s);
    v["memory_bytes"] = json!(dac_mem);
    tag_out.insert("daachorse_charwise_leftmost_longest".into(), v);
    memory.insert(
        "daachorse_rss_delta_mib".into(),
        mib(status_kb("VmRSS:")
            .zip(rss_before)
            .map(|(a, b)| a.saturating_sub(b))),
    );
    drop(dac);
    trim_heap();
    phase_peak(&mut memory, "daachorse");

    // The embedded Sahel lexicon on the same text: the tagger on the lexicon it was made for.
    let sahel = canonym::default_index()?;
    let (s, c) = time(0, a.tag_reps, || {
        sahel.tag(&text).map_or(0, |m| m.len() as u64)
    });
    let mut v = result(&s, tb, "bytes", c);
    v["mentions"] = json!(c);
    v["note"] = json!("the embedded Sahel lexicon, not GeoNames: not comparable with the automata");
    tag_out.insert("canonym_tag_sahel_lexicon".into(), v);
    out.insert("tag".into(), Value::Object(tag_out));

    // ---- (c) Fuzzy -----------------------------------------------------------------------
    let mut fuzzy_out = serde_json::Map::new();
    for (k, set) in fuzzy.iter().enumerate() {
        let edits = k + 1;
        log(&format!("fuzzy: canonym resolve, {edits} edit(s)"));
        // The quality pass is also the warm-up.
        let (mut found, mut first, mut any, mut via_fuzzy, mut total) = (0, 0, 0, 0, 0);
        for f in set {
            let cands = index.resolve(&f.query)?;
            total += cands.len();
            any += usize::from(!cands.is_empty());
            found += usize::from(cands.iter().any(|c| c.id == f.entity));
            first += usize::from(cands.first().is_some_and(|c| c.id == f.entity));
            via_fuzzy += usize::from(cands.first().is_some_and(|c| c.layer == Layer::Fuzzy));
        }
        let (s, c) = time(0, a.tag_reps, || {
            set.iter()
                .map(|f| index.resolve(&f.query).map_or(0, |c| c.len() as u64))
                .sum()
        });
        let mut v = result(&s, set.len(), "queries", c);
        let q = set.len() as f64;
        v["quality"] = json!({
            "answered": any as f64 / q,
            "own_entity_found": found as f64 / q,
            "own_entity_first": first as f64 / q,
            "best_via_fuzzy_layer": via_fuzzy as f64 / q,
            "mean_candidates": total as f64 / q,
        });
        fuzzy_out.insert(format!("canonym_resolve_{edits}_edit"), v);
    }
    out.insert("fuzzy".into(), Value::Object(fuzzy_out));

    phase_peak(&mut memory, "fuzzy_and_sahel");
    memory.insert(
        "note".into(),
        json!(if clear_refs {
            "peak_rss_<phase>: VmHWM of the whole process during that phase (reset between phases); \
             rss_index_hashmap_queries_text: resident after the lexicon was dropped"
        } else {
            "VmHWM could not be reset: every peak_rss_<phase> is the peak of the run so far"
        }),
    );
    out.insert("memory".into(), Value::Object(memory));
    out["machine"]["loadavg_at_end"] = json!(fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim());
    out.insert("total_s".into(), json!(t_all.elapsed().as_secs_f64()));
    println!("{}", serde_json::to_string_pretty(&Value::Object(out))?);
    log("done");
    Ok(())
}
