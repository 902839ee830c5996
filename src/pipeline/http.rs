//! The HTTP request and response as the pipeline sees them: no hyper types, so the pipeline
//! can be driven in process.

use bytes::Bytes;

use crate::control::stubs::{Fault, StubResponse};

/// One HTTP request, as the pipeline sees it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    /// Names as received (any case), in wire order.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: &'static str,
    /// Shared with the journal entry of the request, so recording it costs no copy.
    pub body: Bytes,
    /// Wait this long before answering (injected delays); the async layer sleeps, so no
    /// thread is blocked.
    pub delay_ms: u64,
    /// Headers besides the content type (stub responses).
    pub headers: Vec<(String, String)>,
    /// A connection fault to play instead of the response (stub responses).
    pub fault: Option<Fault>,
}

impl HttpResponse {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> HttpResponse {
        HttpResponse {
            status,
            content_type,
            body: body.into(),
            delay_ms: 0,
            headers: Vec::new(),
            fault: None,
        }
    }

    pub(crate) fn from_stub(r: StubResponse) -> HttpResponse {
        HttpResponse {
            status: r.status,
            content_type: "",
            body: Bytes::from(r.body),
            delay_ms: r.delay_ms,
            headers: r.headers,
            fault: r.fault,
        }
    }
}
