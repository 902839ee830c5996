//! Test helpers: a request signer written independently of the server's verifier (it shares
//! no code with `protocol::signature`), and a tiny blocking HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

pub const OWNER_KEY: (&str, &str) = ("LTAI5tOwner0000000001", "owner-secret");
pub const MEMBER_KEY: (&str, &str) = ("LTAI5tMember000000001", "member-secret");
pub const OWNER_ID: &str = "1000000000000001";
pub const MEMBER_ID: &str = "1000000000000002";

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Asserts an Alibaba error: status, code and exact message.
    pub fn assert_error(&self, status: u16, code: &str, message: &str) {
        assert_eq!(self.status, status, "status; body: {}", self.body);
        let v = self.json();
        assert_eq!(v["Code"], code, "code; body: {}", self.body);
        assert_eq!(v["Message"], message, "message; body: {}", self.body);
        assert!(v["RequestId"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(v["HostId"].is_string());
        assert!(v["Recommend"].as_str().unwrap().contains(code));
    }
}

/// Sends one request and reads the whole response.
pub fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .expect("status line")
        .parse()
        .unwrap();
    let mut headers = Vec::new();
    let mut len = None;
    loop {
        let mut h = String::new();
        r.read_line(&mut h).unwrap();
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':').unwrap();
        if k.eq_ignore_ascii_case("content-length") {
            len = Some(v.trim().parse::<usize>().unwrap());
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let mut body = Vec::new();
    match len {
        Some(n) => {
            body.resize(n, 0);
            r.read_exact(&mut body).unwrap();
        }
        None => {
            r.read_to_end(&mut body).unwrap();
        }
    }
    Resp {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

/// RFC 3986 encoding, written again on purpose (no code shared with the server).
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

static NONCE: AtomicU64 = AtomicU64::new(1);

pub fn nonce() -> String {
    format!(
        "test-nonce-{}-{}",
        std::process::id(),
        NONCE.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn timestamp(offset_secs: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + offset_secs;
    let days = now.div_euclid(86400);
    let t = now.rem_euclid(86400);
    // civil from days (Howard Hinnant)
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        t / 3600,
        t % 3600 / 60,
        t % 60
    )
}

fn hexs(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A V3 (ACS3-HMAC-SHA256) request, signed like the Python SDK: parameters in the query of
/// an empty-bodied POST, Action and Version in headers.
pub struct V3 {
    pub action: String,
    pub version: String,
    pub params: Vec<(String, String)>,
    pub key: (String, String),
    pub token: Option<String>,
    pub date: String,
    pub nonce: String,
    pub method: String,
}

impl V3 {
    pub fn new(action: &str, key: (&str, &str)) -> V3 {
        V3 {
            action: action.into(),
            version: "2014-05-26".into(),
            params: vec![],
            key: (key.0.into(), key.1.into()),
            token: None,
            date: timestamp(0),
            nonce: nonce(),
            method: "POST".into(),
        }
    }
    pub fn version(mut self, v: &str) -> Self {
        self.version = v.into();
        self
    }
    pub fn param(mut self, k: &str, v: &str) -> Self {
        self.params.push((k.into(), v.into()));
        self
    }
    pub fn token(mut self, t: &str) -> Self {
        self.token = Some(t.into());
        self
    }
    pub fn date(mut self, d: &str) -> Self {
        self.date = d.into();
        self
    }
    pub fn nonce(mut self, n: &str) -> Self {
        self.nonce = n.into();
        self
    }

    /// (target, headers) ready to send to `addr`.
    pub fn build(&self, addr: SocketAddr) -> (String, Vec<(String, String)>) {
        let mut q: Vec<(String, String)> =
            self.params.iter().map(|(k, v)| (enc(k), enc(v))).collect();
        q.sort();
        let query = q
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let empty = hexs(&Sha256::digest(b""));
        let mut h: Vec<(String, String)> = vec![
            ("host".into(), addr.to_string()),
            ("x-acs-action".into(), self.action.clone()),
            ("x-acs-version".into(), self.version.clone()),
            ("x-acs-date".into(), self.date.clone()),
            ("x-acs-signature-nonce".into(), self.nonce.clone()),
            ("x-acs-content-sha256".into(), empty.clone()),
            ("accept".into(), "application/json".into()),
        ];
        if let Some(t) = &self.token {
            h.push(("x-acs-security-token".into(), t.clone()));
            h.push(("x-acs-accesskey-id".into(), self.key.0.clone()));
        }
        h.sort();
        let canonical_headers: String = h.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
        let signed = h
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let cr = format!(
            "{}\n/\n{query}\n{canonical_headers}\n{signed}\n{empty}",
            self.method
        );
        let sts = format!("ACS3-HMAC-SHA256\n{}", hexs(&Sha256::digest(cr.as_bytes())));
        let mut mac = Hmac::<Sha256>::new_from_slice(self.key.1.as_bytes()).unwrap();
        mac.update(sts.as_bytes());
        let sig = hexs(&mac.finalize().into_bytes());
        h.push((
            "authorization".into(),
            format!(
                "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed},Signature={sig}",
                self.key.0
            ),
        ));
        let target = if query.is_empty() {
            "/".to_string()
        } else {
            format!("/?{query}")
        };
        (target, h.into_iter().filter(|(k, _)| k != "host").collect())
    }

    pub fn send(&self, addr: SocketAddr) -> Resp {
        let (target, headers) = self.build(addr);
        send(addr, &self.method, &target, &headers, b"")
    }
}

/// RPC HMAC-SHA1 signing of a full parameter list (common parameters added here).
pub fn rpc_params(
    method: &str,
    action: &str,
    version: &str,
    key: (&str, &str),
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("Action".into(), action.into()),
        ("Version".into(), version.into()),
        ("Format".into(), "JSON".into()),
        ("AccessKeyId".into(), key.0.into()),
        ("SignatureMethod".into(), "HMAC-SHA1".into()),
        ("SignatureVersion".into(), "1.0".into()),
        ("SignatureNonce".into(), nonce()),
        ("Timestamp".into(), timestamp(0)),
    ];
    for (k, v) in extra {
        match p.iter_mut().find(|(pk, _)| pk == k) {
            Some(slot) => slot.1 = v.to_string(),
            None => p.push((k.to_string(), v.to_string())),
        }
    }
    rpc_sign(method, key.1, p)
}

/// Adds `Signature` to a parameter list.
pub fn rpc_sign(method: &str, secret: &str, mut p: Vec<(String, String)>) -> Vec<(String, String)> {
    p.retain(|(k, _)| k != "Signature");
    let mut sorted = p.clone();
    sorted.sort();
    let canonical = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let sts = format!("{method}&%2F&{}", enc(&canonical));
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes()).unwrap();
    mac.update(sts.as_bytes());
    use base64::Engine;
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    p.push(("Signature".into(), sig));
    p
}

pub fn form(p: &[(String, String)]) -> String {
    p.iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Sends RPC parameters in the query (GET or POST).
pub fn rpc_query(addr: SocketAddr, method: &str, p: &[(String, String)]) -> Resp {
    send(addr, method, &format!("/?{}", form(p)), &[], b"")
}

pub const INTL_KEY: (&str, &str) = ("LTAI5tIntl00000000001", "intl-secret");
pub const OUTSIDER_KEY: (&str, &str) = ("LTAI5tOutsider0000001", "outsider-secret");
pub const INTL_ID: &str = "1000000000000003";
pub const OUTSIDER_ID: &str = "1000000000000004";

/// The default scenario's images.
pub const PLAIN: &str = "m-bp1plain00000000001";
pub const GOLDEN: &str = "m-bp1golden0000000001";
pub const CMK: &str = "m-uf6cmk0000000000001";
pub const MARKET: &str = "m-bp1market0000000001";
pub const PAID: &str = "m-bp1paid000000000001";

/// A V3-signed ECS call.
pub fn ecs(addr: SocketAddr, key: (&str, &str), action: &str, params: &[(&str, &str)]) -> Resp {
    call(addr, key, "2014-05-26", action, params)
}

/// A V3-signed call to any product.
pub fn call(
    addr: SocketAddr,
    key: (&str, &str),
    version: &str,
    action: &str,
    params: &[(&str, &str)],
) -> Resp {
    let mut v = V3::new(action, key).version(version);
    for (k, val) in params {
        v = v.param(k, val);
    }
    v.send(addr)
}

/// Asserts success and returns the body.
pub fn ok(r: Resp) -> serde_json::Value {
    assert_eq!(r.status, 200, "expected success, got {}", r.body);
    r.json()
}

/// The image IDs of a DescribeImages answer.
pub fn image_ids(v: &serde_json::Value) -> Vec<String> {
    v["Images"]["Image"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ImageId"].as_str().unwrap().to_string())
        .collect()
}

/// DescribeImages in cn-hangzhou with extra parameters; the image IDs.
pub fn visible(addr: SocketAddr, key: (&str, &str), extra: &[(&str, &str)]) -> Vec<String> {
    let mut p = vec![("RegionId", "cn-hangzhou"), ("PageSize", "100")];
    p.extend_from_slice(extra);
    image_ids(&ok(ecs(addr, key, "DescribeImages", &p)))
}

/// Accounts an image is shared with, from DescribeImageSharePermission as its owner.
pub fn shared_with(addr: SocketAddr, key: (&str, &str), region: &str, image: &str) -> Vec<String> {
    let v = ok(ecs(
        addr,
        key,
        "DescribeImageSharePermission",
        &[
            ("RegionId", region),
            ("ImageId", image),
            ("PageSize", "100"),
        ],
    ));
    v["Accounts"]["Account"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["AliyunId"].as_str().unwrap().to_string())
        .collect()
}

/// A V3-signed ResourceSharing call.
pub fn rs(addr: SocketAddr, key: (&str, &str), action: &str, params: &[(&str, &str)]) -> Resp {
    call(addr, key, "2020-01-10", action, params)
}

/// A V3-signed ResourceManager call.
pub fn rm(addr: SocketAddr, key: (&str, &str), action: &str, params: &[(&str, &str)]) -> Resp {
    call(addr, key, "2020-03-31", action, params)
}

/// Asserts an Alibaba error's status and code (for codes whose message is checked elsewhere).
pub fn code(r: &Resp) -> (u16, String) {
    (
        r.status,
        r.json()["Code"].as_str().unwrap_or("").to_string(),
    )
}

/// The accounts and images of `scenarios/org-sharing.yaml`.
pub mod org {
    pub const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/org-sharing.yaml");

    /// A mock on the org-sharing scenario.
    pub fn server() -> alicloud_mock::MockServer {
        alicloud_mock::MockServer::builder()
            .scenario_file(SCENARIO)
            .unwrap()
            .start_blocking()
            .unwrap()
    }
    pub const MGMT: (&str, &str) = ("LTAI5tOrgMgmt00000001", "org-mgmt-secret");
    pub const PROD: (&str, &str) = ("LTAI5tOrgProdApp00001", "org-prod-app-secret");
    pub const WEB: (&str, &str) = ("LTAI5tOrgWebApp000001", "org-web-app-secret");
    pub const DEV: (&str, &str) = ("LTAI5tOrgDevApp000001", "org-dev-app-secret");
    pub const PARTNER: (&str, &str) = ("LTAI5tOrgPartner00001", "org-partner-secret");
    pub const JOINER: (&str, &str) = ("LTAI5tOrgJoiner000001", "org-joiner-secret");
    pub const PROD_ID: &str = "1600000000000002";
    pub const WEB_ID: &str = "1600000000000003";
    pub const DEV_ID: &str = "1600000000000004";
    pub const PARTNER_ID: &str = "1600000000000005";
    pub const JOINER_ID: &str = "1600000000000006";
    pub const GOLDEN: &str = "m-bp1orggolden0000001";
    pub const BASE: &str = "m-bp1orgbase000000001";
}

/// A signed client for one account, the way a test drives the mock: pick a product, add
/// parameters, then assert success or the exact Alibaba error.
///
/// ```ignore
/// let owner = Client::new(&server, OWNER_KEY);
/// owner.ecs("CreateKeyPair").p("KeyPairName", "k1").ok();
/// owner.ecs("CreateKeyPair").p("KeyPairName", "k1")
///     .err(400, "KeyPair.AlreadyExist", "The key pair already exist.");
/// ```
#[derive(Clone, Copy)]
pub struct Client {
    pub addr: SocketAddr,
    pub key: (&'static str, &'static str),
    /// The `RegionId` ECS and SWAS calls get unless they set one.
    pub region: &'static str,
}

/// One call being built.
pub struct Call {
    v3: V3,
    addr: SocketAddr,
}

impl Client {
    pub fn new(server: &alicloud_mock::MockServer, key: (&'static str, &'static str)) -> Client {
        Client {
            addr: server.address(),
            key,
            region: "cn-hangzhou",
        }
    }

    /// The same account in another region.
    pub fn in_region(self, region: &'static str) -> Client {
        Client { region, ..self }
    }

    /// A call to any product version, without a RegionId.
    pub fn call(&self, version: &str, action: &str) -> Call {
        Call {
            v3: V3::new(action, self.key).version(version),
            addr: self.addr,
        }
    }

    /// An ECS call in the client's region.
    pub fn ecs(&self, action: &str) -> Call {
        self.call("2014-05-26", action).p("RegionId", self.region)
    }

    /// A ResourceSharing call in the client's region.
    pub fn rs(&self, action: &str) -> Call {
        self.call("2020-01-10", action).p("RegionId", self.region)
    }

    /// A ResourceManager call.
    pub fn rm(&self, action: &str) -> Call {
        self.call("2020-03-31", action)
    }
}

impl Call {
    /// Adds a parameter.
    pub fn p(mut self, k: &str, v: &str) -> Call {
        self.v3 = self.v3.param(k, v);
        self
    }

    /// Sends it and returns the raw response.
    pub fn send(self) -> Resp {
        self.v3.send(self.addr)
    }

    /// Sends it, asserts success and returns the body.
    pub fn ok(self) -> serde_json::Value {
        ok(self.send())
    }

    /// Sends it, asserts success and returns one string field of the body (a new ID).
    pub fn ok_str(self, field: &str) -> String {
        let v = self.ok();
        v[field]
            .as_str()
            .unwrap_or_else(|| panic!("no string {field} in {v}"))
            .to_string()
    }

    /// Sends it and asserts an Alibaba error: status, code and exact message.
    pub fn err(self, status: u16, code: &str, message: &str) -> Resp {
        let r = self.send();
        r.assert_error(status, code, message);
        r
    }
}

/// A scenario whose account list aliases one account 4^11 times (a YAML alias bomb).
pub fn alias_bomb() -> String {
    let mut yaml = String::from(
        "name: bomb\nx0: &x0 [{ id: \"1000000000000001\", alias: owner, access_keys: [{ id: K, secret: S }] }]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!("x{i}: &x{i} [*x{p}, *x{p}, *x{p}, *x{p}]\n"));
    }
    yaml.push_str("accounts: *x11\n");
    yaml
}
