//! A signing client for Rust tests (docs/rust.md): calls the running mock as one of the
//! scenario's accounts, with either signature style the SDKs use, and answers the JSON body
//! or the Alibaba error. Blocking and dependency-free, so a test needs no HTTP client.
//!
//! ```
//! let server = alicloud_mock::MockServer::builder().start_blocking().unwrap();
//! let owner = server.client("owner").unwrap();
//! let images = owner.ecs("DescribeImages").param("ImageOwnerAlias", "self").send().unwrap();
//! assert!(images["TotalCount"].as_u64().unwrap() > 0);
//! let err = owner.ecs("DescribeImages").param("ImageId", "m-nope").param("Status", "Bogus").send();
//! assert_eq!(err.unwrap_err().status, 400);
//! ```

use std::net::SocketAddr;
use std::time::Duration;

use rand::RngCore;
use serde_json::Value;

use crate::protocol::signature::{
    percent_encode, rpc_signature, rpc_string_to_sign, v3_canonical_request, v3_signature,
    v3_string_to_sign, V3Algorithm,
};

/// How a call is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// `ACS3-HMAC-SHA256` headers (the new SDKs), parameters in the query.
    #[default]
    V3,
    /// RPC signature v1, HMAC-SHA1, parameters in a form body (the legacy SDKs).
    Rpc,
}

/// An Alibaba error answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub request_id: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

/// An account's credentials and the mock's address.
#[derive(Debug, Clone)]
pub struct Client {
    addr: SocketAddr,
    key_id: String,
    secret: String,
    token: Option<String>,
    region: String,
}

/// One call being built.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    client: &'a Client,
    action: String,
    version: String,
    params: Vec<(String, String)>,
    style: Style,
}

impl Client {
    /// A client for a key; `MockServer::client` finds a scenario account's key.
    pub fn new(addr: SocketAddr, key_id: &str, secret: &str) -> Client {
        Client {
            addr,
            key_id: key_id.to_string(),
            secret: secret.to_string(),
            token: None,
            region: "cn-hangzhou".to_string(),
        }
    }

    /// Sends an STS security token with every call (for temporary credentials).
    pub fn with_token(mut self, token: &str) -> Client {
        self.token = Some(token.to_string());
        self
    }

    /// The `RegionId` that `ecs` calls get (default cn-hangzhou).
    pub fn in_region(mut self, region: &str) -> Client {
        self.region = region.to_string();
        self
    }

    /// A call to any product: its API version and action.
    pub fn call(&self, version: &str, action: &str) -> Call<'_> {
        Call {
            client: self,
            action: action.to_string(),
            version: version.to_string(),
            params: Vec::new(),
            style: Style::default(),
        }
    }

    /// An ECS (2014-05-26) call with the client's `RegionId`.
    pub fn ecs(&self, action: &str) -> Call<'_> {
        self.call("2014-05-26", action)
            .param("RegionId", &self.region)
    }
}

fn nonce() -> String {
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::time::format_seconds(secs * 1000)
}

impl Call<'_> {
    /// Adds a parameter (lists as `Name.1`, `Name.2`, ... as the SDKs flatten them).
    pub fn param(mut self, name: &str, value: &str) -> Self {
        self.params.push((name.to_string(), value.to_string()));
        self
    }

    /// Signs with this style instead of V3.
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Sends the call: the JSON answer, or the Alibaba error (a transport failure is an
    /// error with status 0 and code `Transport`).
    pub fn send(self) -> Result<Value, ApiError> {
        let c = self.client;
        let host = c.addr.to_string();
        let (target, headers, body) = match self.style {
            Style::V3 => {
                let mut headers: Vec<(String, String)> = vec![
                    ("host".into(), host.clone()),
                    ("x-acs-action".into(), self.action.clone()),
                    ("x-acs-version".into(), self.version.clone()),
                    ("x-acs-date".into(), now_iso()),
                    ("x-acs-signature-nonce".into(), nonce()),
                    (
                        "x-acs-content-sha256".into(),
                        V3Algorithm::HmacSha256.hash_hex(b""),
                    ),
                ];
                if let Some(t) = &c.token {
                    headers.push(("x-acs-security-token".into(), t.clone()));
                }
                let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
                let canonical = v3_canonical_request(
                    "POST",
                    "/",
                    &self.params,
                    &headers,
                    &signed,
                    &V3Algorithm::HmacSha256.hash_hex(b""),
                );
                let sts = v3_string_to_sign(V3Algorithm::HmacSha256, &canonical);
                let sig = v3_signature(V3Algorithm::HmacSha256, &c.secret, &sts);
                let mut names = signed.clone();
                names.sort();
                headers.push((
                    "authorization".into(),
                    format!(
                        "ACS3-HMAC-SHA256 Credential={},SignedHeaders={},Signature={sig}",
                        c.key_id,
                        names.join(";")
                    ),
                ));
                let query = self
                    .params
                    .iter()
                    .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
                    .collect::<Vec<_>>()
                    .join("&");
                (format!("/?{query}"), headers, String::new())
            }
            Style::Rpc => {
                let mut p = self.params.clone();
                let mut common = vec![
                    ("Action", self.action.clone()),
                    ("Version", self.version.clone()),
                    ("Format", "JSON".to_string()),
                    ("AccessKeyId", c.key_id.clone()),
                    ("SignatureMethod", "HMAC-SHA1".to_string()),
                    ("SignatureVersion", "1.0".to_string()),
                    ("SignatureNonce", nonce()),
                    ("Timestamp", now_iso()),
                ];
                if let Some(t) = &c.token {
                    common.push(("SecurityToken", t.clone()));
                }
                p.extend(common.into_iter().map(|(k, v)| (k.to_string(), v)));
                let sts =
                    rpc_string_to_sign("POST", p.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                p.push(("Signature".into(), rpc_signature(&c.secret, &sts)));
                let body = p
                    .iter()
                    .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
                    .collect::<Vec<_>>()
                    .join("&");
                let headers = vec![
                    ("host".into(), host.clone()),
                    (
                        "content-type".into(),
                        "application/x-www-form-urlencoded".into(),
                    ),
                ];
                ("/".to_string(), headers, body)
            }
        };
        let (status, text) =
            post(c.addr, &target, &headers, body.as_bytes()).map_err(|e| ApiError {
                status: 0,
                code: "Transport".into(),
                message: e,
                request_id: String::new(),
            })?;
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if status == 200 {
            return Ok(v);
        }
        let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
        Err(ApiError {
            status,
            code: field("Code"),
            message: field("Message"),
            request_id: field("RequestId"),
        })
    }
}

/// One POST over a fresh connection; the status and the body.
fn post(
    addr: SocketAddr,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(u16, String), String> {
    let mut req = format!(
        "POST {target} HTTP/1.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    )
    .into_bytes();
    for (k, v) in headers {
        req.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    req.extend_from_slice(b"\r\n");
    req.extend_from_slice(body);
    crate::server::exchange(addr, &req, Duration::from_secs(30))
}
