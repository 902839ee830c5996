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
}
