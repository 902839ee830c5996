//! The bounded request journal: every API request answered (by the model, a stub or a
//! fault), oldest first; the oldest entries are dropped past the limit.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Serialize;

/// One answered request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Mock-clock time the request was answered (milliseconds since the epoch).
    pub time: crate::time::Millis,
    pub account_id: Option<String>,
    pub product: Option<String>,
    pub version: Option<String>,
    pub action: Option<String>,
    /// Decoded parameters (query and form body), `Signature` left out.
    pub params: Vec<(String, String)>,
    pub status: u16,
    /// The Alibaba error code; null on success.
    pub code: Option<String>,
    pub latency_ms: f64,
    /// What answered.
    pub source: Source,
    /// Raw request parts, for WireMock-style journal views.
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Whether `body` or `params` were cut to the journal's size limit.
    pub truncated: bool,
}

/// The most body text, and the most parameter text, one journal entry keeps: a full journal
/// of 1,000 entries stays near 128 MiB however large the requests were.
pub const ENTRY_TEXT_LIMIT: usize = 64 * 1024;

/// The body as journal text: lossy UTF-8 of at most [`ENTRY_TEXT_LIMIT`] bytes, and whether
/// it was cut.
pub fn clip_body(body: &[u8]) -> (String, bool) {
    let cut = body.len() > ENTRY_TEXT_LIMIT;
    let text = String::from_utf8_lossy(&body[..body.len().min(ENTRY_TEXT_LIMIT)]).into_owned();
    (text, cut)
}

/// Parameters up to [`ENTRY_TEXT_LIMIT`] bytes of names and values, in order, and whether
/// any were left out.
pub fn clip_params(params: Vec<(String, String)>) -> (Vec<(String, String)>, bool) {
    let mut size = 0usize;
    let mut out = Vec::with_capacity(params.len());
    for (k, v) in params {
        size += k.len() + v.len();
        if size > ENTRY_TEXT_LIMIT {
            return (out, true);
        }
        out.push((k, v));
    }
    (out, false)
}

/// What answered a request: the stateful model, a stub mapping, or an injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Model,
    Stub,
    Fault,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Stub => "stub",
            Source::Fault => "fault",
        }
    }
}

#[derive(Debug)]
pub struct Journal {
    entries: Mutex<VecDeque<Entry>>,
    limit: usize,
}

impl Journal {
    pub fn new(limit: usize) -> Journal {
        Journal {
            entries: Mutex::new(VecDeque::new()),
            limit,
        }
    }

    pub fn record(&self, e: Entry) {
        if self.limit == 0 {
            return;
        }
        let mut q = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while q.len() >= self.limit {
            q.pop_front();
        }
        q.push_back(e);
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> Vec<Entry> {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> Entry {
        Entry {
            time: 0,
            account_id: None,
            product: None,
            version: None,
            action: Some(action.into()),
            params: Default::default(),
            status: 200,
            code: None,
            latency_ms: 0.0,
            source: Source::Model,
            method: "GET".into(),
            url: "/".into(),
            headers: vec![],
            body: String::new(),
            truncated: false,
        }
    }

    #[test]
    fn keeps_the_newest_entries_up_to_the_limit() {
        let j = Journal::new(2);
        j.record(entry("A"));
        j.record(entry("B"));
        j.record(entry("C"));
        let names: Vec<_> = j.entries().into_iter().map(|e| e.action.unwrap()).collect();
        assert_eq!(names, ["B", "C"]);
        j.clear();
        assert!(j.entries().is_empty());
    }

    #[test]
    fn entries_keep_at_most_the_text_limit() {
        let (body, cut) = clip_body(&vec![b'a'; ENTRY_TEXT_LIMIT + 1]);
        assert_eq!((body.len(), cut), (ENTRY_TEXT_LIMIT, true));
        let (body, cut) = clip_body(b"small");
        assert_eq!((body.as_str(), cut), ("small", false));
        let many: Vec<(String, String)> = (0..100_000)
            .map(|i| (format!("Tag.{i}.Key"), "v".into()))
            .collect();
        let (kept, cut) = clip_params(many);
        assert!(cut);
        assert!(kept.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() <= ENTRY_TEXT_LIMIT);
        assert_eq!(kept[0].0, "Tag.0.Key");
    }
}
