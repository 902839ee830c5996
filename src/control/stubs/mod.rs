//! WireMock-compatible stub mappings (docs/fixtures.md, docs/sources.md#wiremock): loaded from
//! fixture files (`--fixtures DIR`: `*.json`, `*.yaml`, `*.yml`, one stub or
//! `{"mappings": [...]}`) or created at run time through `/__admin/mappings`.
//!
//! A matching stub answers instead of the stateful model. Lower `priority` wins (default 5);
//! ties go to the most recently added stub; stubs of a `scenarioName` match only in their
//! `requiredScenarioState` (every scenario starts in `Started`) and move it to
//! `newScenarioState`. Every field the mock does not support is a load error naming it.
//!
//! Extensions (not in WireMock): `queryParameters` also sees the RPC parameters wherever they
//! travelled (form body, `x-acs-action`/`x-acs-version` as `Action`/`Version`), and
//! `request.callerAccount` matches the authenticated account (an alias or an ID).

mod parse;
pub mod pattern;

use std::collections::HashMap;
use std::sync::Mutex;

use regex::Regex;
use serde_json::{json, Value};

pub use parse::{load_dir, parse_stub, parse_text};
pub use pattern::Pattern;

/// WireMock's connection faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    ConnectionResetByPeer,
    EmptyResponse,
    MalformedResponseChunk,
    RandomDataThenClose,
}

impl Fault {
    fn parse(s: &str) -> Option<Fault> {
        Some(match s {
            "CONNECTION_RESET_BY_PEER" => Fault::ConnectionResetByPeer,
            "EMPTY_RESPONSE" => Fault::EmptyResponse,
            "MALFORMED_RESPONSE_CHUNK" => Fault::MalformedResponseChunk,
            "RANDOM_DATA_THEN_CLOSE" => Fault::RandomDataThenClose,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
enum UrlMatch {
    Url(String),
    Path(String),
    Pattern(Regex),
    PathPattern(Regex),
}

#[derive(Debug, Clone, Default)]
struct RequestPattern {
    method: Option<String>,
    url: Option<UrlMatch>,
    query: Vec<(String, Pattern)>,
    form: Vec<(String, Pattern)>,
    headers: Vec<(String, Pattern)>,
    body: Vec<Pattern>,
    caller: Option<Pattern>,
}

/// A stub's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct StubResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay_ms: u64,
    pub fault: Option<Fault>,
}

#[derive(Debug, Clone)]
pub struct Stub {
    pub id: String,
    /// The mapping as given (with its `id`), for `GET /__admin/mappings`.
    pub raw: Value,
    pub priority: i64,
    pub scenario: Option<String>,
    pub required_state: Option<String>,
    pub new_state: Option<String>,
    request: RequestPattern,
    pub response: StubResponse,
    seq: u64,
    /// Loaded from a fixture file (kept by resets).
    pub from_file: bool,
    /// WireMock's `persistent`: kept by resets, and in the state file with `--state-file`.
    pub persistent: bool,
}

impl Stub {
    /// Gives the stub an ID (also in the mapping `GET /__admin/mappings` shows).
    pub fn set_id(&mut self, id: String) {
        self.raw["id"] = Value::String(id.clone());
        self.id = id;
    }
}

/// What a request looks like to stub matching.
pub struct Probe<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    /// Every RPC parameter, wherever it travelled, plus Action/Version from headers.
    pub params: &'a [(String, String)],
    pub form: &'a [(String, String)],
    pub caller: Option<&'a str>,
}

impl RequestPattern {
    fn matches(&self, r: &Probe, resolve: &dyn Fn(&str) -> Option<String>) -> bool {
        let (passed, total) = self.score(r, resolve);
        passed == total
    }

    /// How many of the pattern's parts (method, URL, each parameter, header and body
    /// pattern, the caller) the request satisfies, out of how many.
    fn score(&self, r: &Probe, resolve: &dyn Fn(&str) -> Option<String>) -> (usize, usize) {
        let mut passed = 0;
        let mut total = 0;
        let mut check = |ok: bool| {
            total += 1;
            passed += usize::from(ok);
        };
        if let Some(m) = self.method.as_deref() {
            check(m.eq_ignore_ascii_case(r.method));
        }
        let full = if r.query.is_empty() {
            r.path.to_string()
        } else {
            format!("{}?{}", r.path, r.query)
        };
        if let Some(url) = &self.url {
            check(match url {
                UrlMatch::Url(u) => *u == full,
                UrlMatch::Path(p) => p == r.path,
                UrlMatch::Pattern(re) => re.is_match(&full),
                UrlMatch::PathPattern(re) => re.is_match(r.path),
            });
        }
        fn get<'v>(list: &'v [(String, String)], k: &str) -> Option<&'v str> {
            list.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
        }
        let header = |k: &str| {
            r.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.as_str())
        };
        let body = std::str::from_utf8(r.body).ok();
        for (k, p) in &self.query {
            check(p.matches(get(r.params, k)));
        }
        for (k, p) in &self.form {
            check(p.matches(get(r.form, k)));
        }
        for (k, p) in &self.headers {
            check(p.matches(header(k)));
        }
        for p in &self.body {
            check(p.matches(body.or(Some(""))));
        }
        if let Some(p) = &self.caller {
            // An alias in equalTo names the same account as its ID.
            let resolved = p.literal().and_then(resolve);
            check(match (r.caller, resolved) {
                (Some(c), Some(id)) => c == id,
                (c, _) => p.matches(c),
            });
        }
        (passed, total)
    }
}

#[derive(Debug, Default)]
struct Inner {
    stubs: Vec<Stub>,
    seq: u64,
    states: HashMap<String, String>,
}

/// The stub store.
#[derive(Debug, Default)]
pub struct Stubs {
    inner: Mutex<Inner>,
}

pub const STARTED: &str = "Started";

impl Stubs {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn add(&self, mut s: Stub) {
        let mut g = self.lock();
        g.seq += 1;
        s.seq = g.seq;
        g.stubs.retain(|x| x.id != s.id);
        g.stubs.push(s);
    }

    pub fn remove(&self, id: &str) -> bool {
        let mut g = self.lock();
        let before = g.stubs.len();
        g.stubs.retain(|s| s.id != id);
        g.stubs.len() != before
    }

    pub fn get(&self, id: &str) -> Option<Stub> {
        self.lock().stubs.iter().find(|s| s.id == id).cloned()
    }

    /// Newest first, as WireMock lists them.
    pub fn list(&self) -> Vec<Stub> {
        let mut v = self.lock().stubs.clone();
        v.sort_by_key(|s| std::cmp::Reverse(s.seq));
        v
    }

    pub fn is_empty(&self) -> bool {
        self.lock().stubs.is_empty()
    }

    /// Removes every stub.
    pub fn clear(&self) {
        self.lock().stubs.clear();
    }

    /// Drops stubs added at run time (file stubs and persistent stubs stay) and puts
    /// scenarios back to Started.
    pub fn reset(&self) {
        let mut g = self.lock();
        g.stubs.retain(|s| s.from_file || s.persistent);
        g.states.clear();
    }

    /// WireMock's mappings reset: back to the fixture files' stubs (`defaults`, restored if
    /// they were removed) and the persistent ones.
    pub fn restore(&self, defaults: &[Stub]) {
        {
            let mut g = self.lock();
            g.stubs.retain(|s| s.persistent && !s.from_file);
        }
        for s in defaults {
            self.add(s.clone());
        }
    }

    /// The persistent stubs added at run time, as mappings (what the state file keeps).
    pub fn persistent(&self) -> Vec<Value> {
        let mut v: Vec<&Stub> = Vec::new();
        let g = self.lock();
        v.extend(g.stubs.iter().filter(|s| s.persistent && !s.from_file));
        v.sort_by_key(|s| s.seq);
        v.iter().map(|s| s.raw.clone()).collect()
    }

    /// The stubs closest to matching `r` without matching it, nearest first (at most 3):
    /// each with its `request` pattern and WireMock's distance, the share of its parts
    /// the request fails (0 would be a match, 1 nothing in common).
    pub fn near_misses(
        &self,
        r: &Probe,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<(Value, f64)> {
        let g = self.lock();
        let mut out: Vec<(Value, f64)> = g
            .stubs
            .iter()
            .filter_map(|s| {
                let (passed, total) = s.request.score(r, resolve);
                (passed < total).then(|| {
                    let distance = 1.0 - passed as f64 / total as f64;
                    (
                        s.raw.get("request").cloned().unwrap_or(Value::Null),
                        distance,
                    )
                })
            })
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1));
        out.truncate(3);
        out
    }

    pub fn reset_scenarios(&self) {
        self.lock().states.clear();
    }

    /// `{"scenarios": [{id, name, state, possibleStates}]}`.
    pub fn scenarios(&self) -> Value {
        let g = self.lock();
        let mut names: Vec<&str> = g
            .stubs
            .iter()
            .filter_map(|s| s.scenario.as_deref())
            .collect();
        names.sort();
        names.dedup();
        let list: Vec<Value> = names
            .into_iter()
            .map(|n| {
                let mut possible: Vec<&str> = vec![STARTED];
                for s in g.stubs.iter().filter(|s| s.scenario.as_deref() == Some(n)) {
                    possible.extend(s.required_state.as_deref());
                    possible.extend(s.new_state.as_deref());
                }
                possible.sort();
                possible.dedup();
                json!({"id": n, "name": n, "state": g.states.get(n).map_or(STARTED, |s| s.as_str()), "possibleStates": possible})
            })
            .collect();
        json!({ "scenarios": list })
    }

    /// The answer of the best matching stub, moving its scenario on.
    pub fn answer(
        &self,
        r: &Probe,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<StubResponse> {
        let mut g = self.lock();
        let best = g
            .stubs
            .iter()
            .filter(|s| match (&s.scenario, &s.required_state) {
                (Some(sc), Some(req)) => g.states.get(sc).map_or(STARTED, |x| x.as_str()) == req,
                _ => true,
            })
            .filter(|s| s.request.matches(r, resolve))
            .min_by(|a, b| a.priority.cmp(&b.priority).then(b.seq.cmp(&a.seq)))?
            .clone();
        if let (Some(sc), Some(new)) = (&best.scenario, &best.new_state) {
            g.states.insert(sc.clone(), new.clone());
        }
        Some(best.response)
    }

    /// How many journal-like probes a request pattern (a stub's `request` object) matches.
    pub fn parse_request_pattern(v: &Value) -> Result<impl Fn(&Probe) -> bool, String> {
        let p = parse::parse_request(v, "")?;
        Ok(move |r: &Probe| p.matches(r, &|_| None))
    }
}
