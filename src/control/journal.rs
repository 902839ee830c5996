//! The bounded request journal: every API request answered (by the model, a stub or a
//! fault), oldest first; the oldest entries are dropped past the limit.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// One answered request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The entry's number, from 1, in the order requests were answered; kept across
    /// `DELETE /_mock/requests`, so a client can ask for what came after one it saw.
    pub seq: u64,
    /// Mock-clock time the request was answered (milliseconds since the epoch).
    pub time: crate::time::Millis,
    pub account_id: Option<String>,
    pub product: Option<String>,
    pub version: Option<String>,
    pub action: Option<String>,
    /// Decoded parameters (query and form body), `Signature` left out.
    pub params: PackedPairs,
    pub status: u16,
    /// The Alibaba error code; null on success.
    pub code: Option<String>,
    pub latency_ms: f64,
    /// What answered.
    pub source: Source,
    /// Raw request parts, for WireMock-style journal views.
    pub method: String,
    pub url: String,
    pub headers: PackedPairs,
    pub body: String,
    /// Whether `body`, `params` or `headers` were cut to the journal's size limit.
    pub truncated: bool,
    /// The answer's body (at most [`ENTRY_TEXT_LIMIT`] bytes of it): shared with the answer,
    /// not copied, when it fits.
    #[serde(skip)]
    pub response: bytes::Bytes,
}

/// The answer's body as an entry keeps it: the same buffer when it fits the limit, else a
/// copy of its first [`ENTRY_TEXT_LIMIT`] bytes (a slice would keep the whole buffer alive).
pub fn clip_response(body: &bytes::Bytes) -> bytes::Bytes {
    if body.len() <= ENTRY_TEXT_LIMIT {
        body.clone()
    } else {
        bytes::Bytes::copy_from_slice(&body[..ENTRY_TEXT_LIMIT])
    }
}

/// The most text one journal entry keeps of each of a request's body, parameters and
/// headers; with the URL (at most 64 KiB, the HTTP parser's limit) an entry holds at most
/// 256 KiB however large the request was.
pub const ENTRY_TEXT_LIMIT: usize = 64 * 1024;

/// The body as journal text: lossy UTF-8 of at most [`ENTRY_TEXT_LIMIT`] bytes, and whether
/// it was cut.
pub fn clip_body(body: &[u8]) -> (String, bool) {
    let cut = body.len() > ENTRY_TEXT_LIMIT;
    let text = String::from_utf8_lossy(&body[..body.len().min(ENTRY_TEXT_LIMIT)]).into_owned();
    (text, cut)
}

/// Name-value pairs (parameters, headers) packed in one string, in order.
///
/// An entry keeps a request's parameters and headers for a thousand requests; packed, each
/// list is two allocations however many pairs it has, so dropping the oldest entry (its
/// memory long out of cache by then) frees a few blocks instead of dozens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedPairs {
    text: String,
    /// For each pair, where its name ends and where its value ends in `text`.
    ends: Vec<(u32, u32)>,
}

impl PackedPairs {
    /// The pairs up to [`ENTRY_TEXT_LIMIT`] bytes of names and values, in order, and
    /// whether any were left out.
    pub fn clip<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (PackedPairs, bool) {
        let pairs = pairs.into_iter();
        let mut out = PackedPairs {
            text: String::with_capacity(256),
            ends: Vec::with_capacity(pairs.size_hint().0),
        };
        for (k, v) in pairs {
            if out.text.len() + k.len() + v.len() > ENTRY_TEXT_LIMIT {
                return (out, true);
            }
            out.push(k, v);
        }
        (out, false)
    }

    fn push(&mut self, name: &str, value: &str) {
        self.text.push_str(name);
        let name_end = self.text.len() as u32;
        self.text.push_str(value);
        self.ends.push((name_end, self.text.len() as u32));
    }

    /// Every pair, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let mut start = 0usize;
        self.ends.iter().map(move |&(name_end, end)| {
            let (name_end, end) = (name_end as usize, end as usize);
            let pair = (&self.text[start..name_end], &self.text[name_end..end]);
            start = end;
            pair
        })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes of names and values together.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The pairs as owned strings.
    pub fn to_vec(&self) -> Vec<(String, String)> {
        self.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

impl From<Vec<(String, String)>> for PackedPairs {
    /// Packs every pair (no limit: for building entries by hand).
    fn from(pairs: Vec<(String, String)>) -> Self {
        let mut out = PackedPairs::default();
        for (k, v) in &pairs {
            out.push(k, v);
        }
        out
    }
}

/// As a list of `[name, value]` pairs.
impl Serialize for PackedPairs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
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
    /// Shared, so a listing copies pointers, not bodies, out of the lock; with the number
    /// the last recorded entry got.
    entries: Mutex<(VecDeque<Arc<Entry>>, u64)>,
    limit: usize,
}

impl Journal {
    pub fn new(limit: usize) -> Journal {
        Journal {
            entries: Mutex::new((VecDeque::new(), 0)),
            limit,
        }
    }

    /// Records an entry, numbering it.
    pub fn record(&self, mut e: Entry) {
        if self.limit == 0 {
            return;
        }
        let mut guard = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (q, last) = &mut *guard;
        *last += 1;
        e.seq = *last;
        while q.len() >= self.limit {
            q.pop_front();
        }
        q.push_back(Arc::new(e));
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> Vec<Arc<Entry>> {
        self.entries_after(0)
    }

    /// The entries numbered after `seq`, oldest first.
    pub fn entries_after(&self, seq: u64) -> Vec<Arc<Entry>> {
        let guard = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let q = &guard.0;
        // Numbers grow along the queue: skip the older ones without looking at each.
        let start = q.partition_point(|e| e.seq <= seq);
        q.range(start..).cloned().collect()
    }

    /// One entry by its number, while the journal still holds it.
    pub fn entry(&self, seq: u64) -> Option<Arc<Entry>> {
        let guard = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let q = &guard.0;
        let i = q.partition_point(|e| e.seq < seq);
        q.get(i).filter(|e| e.seq == seq).cloned()
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .clear();
    }
}

/// The journal as the control API lists it, serialised straight from the shared entries
/// (no intermediate JSON tree: a full journal is listed with one extra copy, the answer).
pub mod views {
    use std::collections::{HashMap, HashSet};
    use std::sync::Arc;

    use serde::ser::{SerializeMap, Serializer};
    use serde::Serialize;

    use super::{Entry, PackedPairs, Source};
    use crate::time::format_millis;

    /// `GET /_mock/requests`: `{"requests": [oldest first]}`.
    pub fn mock_requests(entries: &[Arc<Entry>]) -> Vec<u8> {
        #[derive(Serialize)]
        struct List<'a> {
            requests: Vec<MockEntry<'a>>,
        }
        let requests = entries.iter().map(|e| MockEntry::new(e)).collect();
        write(&List { requests }, entries, |e| pairs_len(&e.params))
    }

    /// `GET /_mock/requests/<seq>`: one entry whole, the request as received and the answer.
    pub fn mock_request(e: &Entry) -> Vec<u8> {
        #[derive(Serialize)]
        struct Request<'a> {
            method: &'a str,
            url: &'a str,
            headers: Pairs<'a>,
            body: &'a str,
        }
        #[derive(Serialize)]
        struct Response {
            status: u16,
            body: String,
        }
        #[derive(Serialize)]
        struct Whole<'a> {
            #[serde(flatten)]
            entry: MockEntry<'a>,
            request: Request<'a>,
            response: Response,
        }
        let whole = Whole {
            entry: MockEntry::new(e),
            request: Request {
                method: &e.method,
                url: &e.url,
                headers: Pairs(&e.headers),
                body: &e.body,
            },
            response: Response {
                status: e.status,
                body: String::from_utf8_lossy(&e.response).into_owned(),
            },
        };
        serde_json::to_vec(&whole).expect("journal views always serialise")
    }

    /// WireMock's `GET /__admin/requests`: newest first, with `meta.total`.
    pub fn wiremock_requests(entries: &[Arc<Entry>]) -> Vec<u8> {
        #[derive(Serialize)]
        struct Meta {
            total: usize,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct List<'a> {
            requests: Vec<WireMockEntry<'a>>,
            meta: Meta,
            request_journal_disabled: bool,
        }
        let requests: Vec<WireMockEntry> = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| WireMockEntry::new(i, e))
            .collect();
        let meta = Meta {
            total: requests.len(),
        };
        let list = List {
            requests,
            meta,
            request_journal_disabled: false,
        };
        write(&list, entries, |e| {
            e.url.len() + e.body.len() + pairs_len(&e.headers)
        })
    }

    /// Serialises into a buffer sized for the entries' text up front, so a large listing
    /// is not copied over and over while its buffer grows.
    fn write(
        list: &impl Serialize,
        entries: &[Arc<Entry>],
        text_len: impl Fn(&Entry) -> usize,
    ) -> Vec<u8> {
        let estimate: usize = entries.iter().map(|e| text_len(e) + 320).sum();
        let mut out = Vec::with_capacity(estimate + estimate / 8);
        serde_json::to_writer(&mut out, list).expect("journal views always serialise");
        out
    }

    fn pairs_len(pairs: &PackedPairs) -> usize {
        pairs.text_len() + 6 * pairs.len()
    }

    /// One entry of `/_mock/requests`.
    #[derive(Serialize)]
    struct MockEntry<'a> {
        seq: u64,
        time: String,
        account_id: Option<&'a str>,
        product: Option<&'a str>,
        version: Option<&'a str>,
        action: Option<&'a str>,
        params: Pairs<'a>,
        status: u16,
        code: Option<&'a str>,
        latency_ms: f64,
        source: Source,
        truncated: bool,
    }

    impl<'a> MockEntry<'a> {
        fn new(e: &'a Entry) -> Self {
            MockEntry {
                seq: e.seq,
                time: format_millis(e.time),
                account_id: e.account_id.as_deref(),
                product: e.product.as_deref(),
                version: e.version.as_deref(),
                action: e.action.as_deref(),
                params: Pairs(&e.params),
                status: e.status,
                code: e.code.as_deref(),
                latency_ms: e.latency_ms,
                source: e.source,
                truncated: e.truncated,
            }
        }
    }

    /// One entry of WireMock's journal listing.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WireMockEntry<'a> {
        id: String,
        request: WireMockRequest<'a>,
        response_definition: WireMockResponse,
        was_matched: bool,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WireMockRequest<'a> {
        url: &'a str,
        method: &'a str,
        headers: Pairs<'a>,
        body: &'a str,
        logged_date_string: String,
    }

    #[derive(Serialize)]
    struct WireMockResponse {
        status: u16,
    }

    impl<'a> WireMockEntry<'a> {
        fn new(i: usize, e: &'a Entry) -> Self {
            WireMockEntry {
                id: format!("{:08x}-0000-4000-8000-{:012x}", i, i),
                request: WireMockRequest {
                    url: &e.url,
                    method: &e.method,
                    headers: Pairs(&e.headers),
                    body: &e.body,
                    logged_date_string: format_millis(e.time),
                },
                response_definition: WireMockResponse { status: e.status },
                was_matched: e.source == Source::Stub,
            }
        }
    }

    /// Name-value pairs as a JSON object: a repeated name appears once, where it first
    /// appeared, with its last value.
    struct Pairs<'a>(&'a PackedPairs);

    impl Serialize for Pairs<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let last: HashMap<&str, &str> = self.0.iter().collect();
            let mut done = HashSet::with_capacity(last.len());
            let mut map = s.serialize_map(Some(last.len()))?;
            for (k, _) in self.0.iter() {
                if done.insert(k) {
                    map.serialize_entry(k, last[k])?;
                }
            }
            map.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> Entry {
        Entry {
            seq: 0,
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
            headers: Default::default(),
            body: String::new(),
            truncated: false,
            response: bytes::Bytes::new(),
        }
    }

    #[test]
    fn keeps_the_newest_entries_up_to_the_limit() {
        let j = Journal::new(2);
        j.record(entry("A"));
        j.record(entry("B"));
        j.record(entry("C"));
        let names: Vec<_> = j
            .entries()
            .into_iter()
            .map(|e| e.action.clone().unwrap())
            .collect();
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
        let (kept, cut) = PackedPairs::clip(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(cut);
        assert!(kept.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() <= ENTRY_TEXT_LIMIT);
        assert_eq!(kept.iter().next(), Some(("Tag.0.Key", "v")));
        let (all, cut) = PackedPairs::clip(many[..3].iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(!cut);
        assert_eq!(all.to_vec(), many[..3].to_vec());
        assert_eq!(
            serde_json::to_string(&PackedPairs::from(vec![
                ("a".into(), "".into()),
                ("".into(), "é".into())
            ]))
            .unwrap(),
            r#"[["a",""],["","é"]]"#
        );
    }

    #[test]
    fn listings_show_a_repeated_name_once_first_place_last_value() {
        let mut e = entry("A");
        e.params = PackedPairs::from(vec![
            ("B".into(), "1".into()),
            ("A".into(), "x".into()),
            ("B".into(), "2".into()),
        ]);
        e.headers = e.params.clone();
        let list: serde_json::Value =
            serde_json::from_slice(&views::mock_requests(&[Arc::new(e.clone())])).unwrap();
        let params = serde_json::to_string(&list["requests"][0]["params"]).unwrap();
        assert_eq!(params, r#"{"B":"2","A":"x"}"#);
        let list: serde_json::Value = serde_json::from_slice(&views::wiremock_requests(&[
            Arc::new(entry("Z")),
            Arc::new(e),
        ]))
        .unwrap();
        let headers = serde_json::to_string(&list["requests"][0]["request"]["headers"]).unwrap();
        assert_eq!(headers, r#"{"B":"2","A":"x"}"#);
        assert_eq!(list["meta"]["total"], 2);
        assert_eq!(
            list["requests"][1]["id"],
            "00000000-0000-4000-8000-000000000000"
        );
    }
}
