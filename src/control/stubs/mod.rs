//! WireMock-compatible stub mappings (interface.md §5, wiremock-mappings.md): loaded from
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

pub mod pattern;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use base64::Engine;
use regex::Regex;
use serde_json::{json, Value};

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
}

impl Stub {
    /// Gives the stub an ID (also in the mapping `GET /__admin/mappings` shows).
    pub fn set_id(&mut self, id: String) {
        self.raw["id"] = Value::String(id.clone());
        self.id = id;
    }
}

fn keys_only(
    obj: &serde_json::Map<String, Value>,
    allowed: &[&str],
    at: &str,
) -> Result<(), String> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("{at}{k}: unsupported field")),
        None => Ok(()),
    }
}

fn str_field(v: &Value, at: &str) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{at}: expected a string"))
}

fn patterns(v: &Value, at: &str) -> Result<Vec<(String, Pattern)>, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object"))?;
    obj.iter()
        .map(|(k, p)| Ok((k.clone(), Pattern::parse(p, &format!("{at}.{k}"))?)))
        .collect()
}

fn regex_whole(s: &str, at: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?:{s})$")).map_err(|e| format!("{at}: invalid regular expression: {e}"))
}

/// Parses one stub mapping; `at` prefixes field names in errors (e.g. `mappings[2].`).
pub fn parse_stub(v: &Value, at: &str, new_id: impl FnOnce() -> String) -> Result<Stub, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{at}: a stub mapping must be an object"))?;
    keys_only(
        obj,
        &[
            "id",
            "uuid",
            "name",
            "request",
            "response",
            "priority",
            "scenarioName",
            "requiredScenarioState",
            "newScenarioState",
            "metadata",
        ],
        at,
    )?;
    let id = match obj.get("id").or_else(|| obj.get("uuid")) {
        Some(v) => str_field(v, &format!("{at}id"))?,
        None => new_id(),
    };
    let priority = match obj.get("priority") {
        None => 5,
        Some(p) => p
            .as_i64()
            .filter(|n| *n >= 1)
            .ok_or_else(|| format!("{at}priority: expected an integer >= 1"))?,
    };
    let opt_str = |k: &str| {
        obj.get(k)
            .map(|v| str_field(v, &format!("{at}{k}")))
            .transpose()
    };
    let request = parse_request(
        obj.get("request")
            .ok_or_else(|| format!("{at}request: missing"))?,
        &format!("{at}request."),
    )?;
    let response = parse_response(
        obj.get("response")
            .ok_or_else(|| format!("{at}response: missing"))?,
        &format!("{at}response."),
    )?;
    let mut raw = v.clone();
    raw["id"] = Value::String(id.clone());
    if let Some(m) = raw.as_object_mut() {
        m.remove("uuid");
    }
    Ok(Stub {
        id,
        raw,
        priority,
        scenario: opt_str("scenarioName")?,
        required_state: opt_str("requiredScenarioState")?,
        new_state: opt_str("newScenarioState")?,
        request,
        response,
        seq: 0,
        from_file: false,
    })
}

fn parse_request(v: &Value, at: &str) -> Result<RequestPattern, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object"))?;
    keys_only(
        obj,
        &[
            "method",
            "url",
            "urlPath",
            "urlPattern",
            "urlPathPattern",
            "queryParameters",
            "formParameters",
            "headers",
            "bodyPatterns",
            "callerAccount",
        ],
        at,
    )?;
    let urls: Vec<&str> = ["url", "urlPath", "urlPattern", "urlPathPattern"]
        .into_iter()
        .filter(|k| obj.contains_key(*k))
        .collect();
    if urls.len() > 1 {
        return Err(format!(
            "{at}{}: only one of url, urlPath, urlPattern, urlPathPattern",
            urls[1]
        ));
    }
    let url = match urls.first() {
        None => None,
        Some(&k) => {
            let s = str_field(&obj[k], &format!("{at}{k}"))?;
            Some(match k {
                "url" => UrlMatch::Url(s),
                "urlPath" => UrlMatch::Path(s),
                "urlPattern" => UrlMatch::Pattern(regex_whole(&s, &format!("{at}{k}"))?),
                _ => UrlMatch::PathPattern(regex_whole(&s, &format!("{at}{k}"))?),
            })
        }
    };
    let method = match obj.get("method") {
        None => None,
        Some(m) => {
            let m = str_field(m, &format!("{at}method"))?.to_ascii_uppercase();
            (m != "ANY").then_some(m)
        }
    };
    let body = match obj.get("bodyPatterns") {
        None => vec![],
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, p)| Pattern::parse(p, &format!("{at}bodyPatterns[{i}]")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(format!("{at}bodyPatterns: expected a list")),
    };
    Ok(RequestPattern {
        method,
        url,
        query: obj
            .get("queryParameters")
            .map(|v| patterns(v, &format!("{at}queryParameters")))
            .transpose()?
            .unwrap_or_default(),
        form: obj
            .get("formParameters")
            .map(|v| patterns(v, &format!("{at}formParameters")))
            .transpose()?
            .unwrap_or_default(),
        headers: obj
            .get("headers")
            .map(|v| patterns(v, &format!("{at}headers")))
            .transpose()?
            .unwrap_or_default(),
        body,
        caller: obj
            .get("callerAccount")
            .map(|p| Pattern::parse(p, &format!("{at}callerAccount")))
            .transpose()?,
    })
}

fn parse_response(v: &Value, at: &str) -> Result<StubResponse, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object"))?;
    keys_only(
        obj,
        &[
            "status",
            "headers",
            "body",
            "jsonBody",
            "base64Body",
            "fixedDelayMilliseconds",
            "fault",
        ],
        at,
    )?;
    let bodies: Vec<&str> = ["body", "jsonBody", "base64Body"]
        .into_iter()
        .filter(|k| obj.contains_key(*k))
        .collect();
    if bodies.len() > 1 {
        return Err(format!(
            "{at}{}: only one of body, jsonBody, base64Body",
            bodies[1]
        ));
    }
    let status = match obj.get("status") {
        None => 200,
        Some(s) => {
            s.as_u64()
                .filter(|n| (100..=599).contains(n))
                .ok_or_else(|| format!("{at}status: expected an HTTP status"))? as u16
        }
    };
    let mut headers = Vec::new();
    if let Some(h) = obj.get("headers") {
        let h = h
            .as_object()
            .ok_or_else(|| format!("{at}headers: expected an object"))?;
        for (k, v) in h {
            match v {
                Value::Array(vs) => {
                    for x in vs {
                        headers.push((k.clone(), str_field(x, &format!("{at}headers.{k}"))?));
                    }
                }
                other => headers.push((k.clone(), str_field(other, &format!("{at}headers.{k}"))?)),
            }
        }
    }
    let body = match bodies.first() {
        None => vec![],
        Some(&"body") => str_field(&obj["body"], &format!("{at}body"))?.into_bytes(),
        Some(&"jsonBody") => {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                headers.push(("Content-Type".into(), "application/json".into()));
            }
            serde_json::to_vec(&obj["jsonBody"]).expect("a Value serialises")
        }
        _ => base64::engine::general_purpose::STANDARD
            .decode(str_field(&obj["base64Body"], &format!("{at}base64Body"))?)
            .map_err(|e| format!("{at}base64Body: not base64: {e}"))?,
    };
    let fault = match obj.get("fault") {
        None => None,
        Some(f) => Some(
            f.as_str()
                .and_then(Fault::parse)
                .ok_or_else(|| format!("{at}fault: unsupported fault {f}"))?,
        ),
    };
    let delay_ms = match obj.get("fixedDelayMilliseconds") {
        None => 0,
        Some(d) => d
            .as_u64()
            .ok_or_else(|| format!("{at}fixedDelayMilliseconds: expected a number"))?,
    };
    Ok(StubResponse {
        status,
        headers,
        body,
        delay_ms,
        fault,
    })
}

/// The stub mappings of one file's text (JSON or, by extension, YAML).
pub fn parse_text(
    name: &str,
    text: &str,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Vec<Stub>, String> {
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let v: Value = if yaml {
        serde_norway::from_str(text).map_err(|e| format!("{name}: {e}"))?
    } else {
        serde_json::from_str(text)
            .map_err(|e| format!("{name}:{}:{}: {e}", e.line(), e.column()))?
    };
    let items: Vec<(String, &Value)> = match v.get("mappings") {
        Some(Value::Array(a)) => {
            if let Some(k) = v
                .as_object()
                .and_then(|o| o.keys().find(|k| *k != "mappings" && *k != "meta"))
            {
                return Err(format!("{name}: {k}: unsupported field"));
            }
            a.iter()
                .enumerate()
                .map(|(i, m)| (format!("mappings[{i}]."), m))
                .collect()
        }
        Some(_) => return Err(format!("{name}: mappings: expected a list")),
        None => vec![(String::new(), &v)],
    };
    items
        .into_iter()
        .map(|(at, m)| parse_stub(m, &at, &mut *new_id).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// Every `*.json`, `*.yaml`, `*.yml` below `dir`, in path order.
pub fn load_dir(dir: &Path, new_id: &mut dyn FnMut() -> String) -> Result<Vec<Stub>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| format!("{}: cannot read directory: {e}", d.display()))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x == "json" || x == "yaml" || x == "yml")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)
            .map_err(|e| format!("{}: cannot read: {e}", f.display()))?;
        let mut stubs = parse_text(&f.display().to_string(), &text, new_id)?;
        for s in &mut stubs {
            s.from_file = true;
        }
        out.extend(stubs);
    }
    Ok(out)
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
        if self
            .method
            .as_deref()
            .is_some_and(|m| !m.eq_ignore_ascii_case(r.method))
        {
            return false;
        }
        let full = if r.query.is_empty() {
            r.path.to_string()
        } else {
            format!("{}?{}", r.path, r.query)
        };
        let url_ok = match &self.url {
            None => true,
            Some(UrlMatch::Url(u)) => *u == full,
            Some(UrlMatch::Path(p)) => p == r.path,
            Some(UrlMatch::Pattern(re)) => re.is_match(&full),
            Some(UrlMatch::PathPattern(re)) => re.is_match(r.path),
        };
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
        url_ok
            && self.query.iter().all(|(k, p)| p.matches(get(r.params, k)))
            && self.form.iter().all(|(k, p)| p.matches(get(r.form, k)))
            && self.headers.iter().all(|(k, p)| p.matches(header(k)))
            && self.body.iter().all(|p| p.matches(body.or(Some(""))))
            && self.caller.as_ref().is_none_or(|p| {
                // An alias in equalTo names the same account as its ID.
                let resolved = p.literal().and_then(resolve);
                match (r.caller, resolved) {
                    (Some(c), Some(id)) => c == id,
                    (c, _) => p.matches(c),
                }
            })
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

    /// Drops stubs added at run time (file stubs stay) and puts scenarios back to Started.
    pub fn reset(&self) {
        let mut g = self.lock();
        g.stubs.retain(|s| s.from_file);
        g.states.clear();
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
        let p = parse_request(v, "")?;
        Ok(move |r: &Probe| p.matches(r, &|_| None))
    }
}
