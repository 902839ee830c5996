//! Reading stub mappings: one mapping, one file's text (JSON or YAML), or a directory of
//! files. Every field the mock does not support is an error naming it.

use std::path::Path;

use base64::Engine;
use serde_json::Value;

use super::pattern::whole;
use super::{Fault, Pattern, RequestPattern, Stub, StubResponse, UrlMatch};

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
            "persistent",
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
    let persistent = match obj.get("persistent") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(format!("{at}persistent: expected true or false")),
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
        persistent,
    })
}

pub(super) fn parse_request(v: &Value, at: &str) -> Result<RequestPattern, String> {
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
                "urlPattern" => UrlMatch::Pattern(whole(&s, &format!("{at}{k}"))?),
                _ => UrlMatch::PathPattern(whole(&s, &format!("{at}{k}"))?),
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
            .filter(|&d| d <= crate::control::faults::MAX_DELAY_MS)
            .ok_or_else(|| {
                format!(
                    "{at}fixedDelayMilliseconds: expected a number of milliseconds up to 600000"
                )
            })?,
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
    crate::scenario::limits::check(text)
        .map_err(|e| format!("{name}:{}:{}: {}", e.line, e.column, e.message))?;
    let v: Value = if yaml {
        serde_norway::from_str(text).map_err(|e| format!("{name}: {e}"))?
    } else {
        serde_json::from_str(text).map_err(|e| {
            let (line, column, message) = crate::scenario::json_error_at(&e);
            format!("{name}:{line}:{column}: {message}")
        })?
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
/// Stub files one fixtures directory may hold (a mock limit).
pub const MAX_FIXTURE_FILES: usize = 10_000;

pub fn load_dir(dir: &Path, new_id: &mut dyn FnMut() -> String) -> Result<Vec<Stub>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    // Directories already walked, by their real path: a symbolic link back up the tree is
    // walked once, not forever.
    let mut seen = std::collections::HashSet::new();
    while let Some(d) = stack.pop() {
        let real = std::fs::canonicalize(&d)
            .map_err(|e| format!("{}: cannot read directory: {e}", d.display()))?;
        if !seen.insert(real) {
            continue;
        }
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
                if files.len() > MAX_FIXTURE_FILES {
                    return Err(format!(
                        "{}: more than {MAX_FIXTURE_FILES} stub files",
                        dir.display()
                    ));
                }
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
