//! Authentication: AccessKeyId -> account, signature verification, freshness, nonces, STS.
//!
//! `strict` (docs/clients.md): the key must exist and the signature (RPC HMAC-SHA1 or V3
//! ACS3-HMAC-SHA256 / ACS3-HMAC-SM3) must verify; the timestamp must be within 15 minutes of
//! the wall clock; a nonce may not repeat within 15 minutes. `lax`: nothing is verified, but
//! the AccessKeyId (or an account ID used as one) must name an account.
//!
//! Order of checks, which decides the error a client sees (docs/sources.md#wire-protocol): shape of
//! the signature, timestamp, key, STS token, body digest, signature, nonce. A nonce is only
//! remembered once the signature has verified, so rejected requests burn nothing.

use dashmap::DashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::ApiError;
use crate::protocol::signature::{self, V3ParseError};
use crate::protocol::Params;
use crate::scenario::AuthMode;
use crate::time::{parse_rpc_timestamp, parse_wire_timestamp, Millis};
pub use crate::world::Caller;
use crate::world::World;

/// The freshness window for timestamps and nonces (docs/sources.md#wire-protocol).
pub const WINDOW_MS: Millis = 15 * 60 * 1000;

/// Headers every V3 signature must cover (docs/sources.md#wire-protocol, "a sensible server policy").
const REQUIRED_V3_HEADERS: &[&str] = &[
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
];

/// The parts of a request that authentication reads.
pub struct AuthRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Every header, names in any case.
    pub headers: &'a [(String, String)],
    /// Decoded query parameters, in wire order.
    pub query: &'a [(String, String)],
    /// Decoded form-body parameters, in wire order.
    pub body_params: &'a [(String, String)],
    pub body: &'a [u8],
    pub params: &'a Params,
}

impl AuthRequest<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Nonces remembered at most (about 80 MiB): enough for 15 minutes at over 2,000 signed
/// requests a second. Past it, the oldest are forgotten first.
pub const MAX_NONCES: usize = 2_000_000;

/// Nonces seen in the last 15 minutes, kept as 64-bit hashes of (AccessKeyId, nonce): a
/// collision between two fresh nonces is negligible, and the map stays small under load.
/// At most `cap` are kept: under a load that would exceed it, the replay window shrinks
/// (oldest nonces forgotten first) instead of memory growing.
#[derive(Debug)]
pub struct NonceCache {
    seen: DashMap<u64, Millis>,
    inserts: AtomicU64,
    /// Entries added since the last prune, plus what the prune kept: a cheap upper bound of
    /// the map's size (counting the map's shards on every request would cost more).
    held: AtomicU64,
    cap: usize,
}

impl Default for NonceCache {
    fn default() -> Self {
        NonceCache::with_capacity(MAX_NONCES)
    }
}

impl NonceCache {
    pub fn with_capacity(cap: usize) -> NonceCache {
        NonceCache {
            seen: DashMap::new(),
            inserts: AtomicU64::new(0),
            held: AtomicU64::new(0),
            cap: cap.max(2),
        }
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Records `key`; false if it was already seen within the window.
    pub fn check_and_insert(&self, key: String, now: Millis) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        let key = h.finish();
        // Prune now and then so the map stays bounded by the traffic of one window, and
        // by `cap`: past it, forget the older half of the window until it fits.
        let n = self.inserts.fetch_add(1, Ordering::Relaxed);
        if n % 8192 == 8191 || self.held.load(Ordering::Relaxed) as usize >= self.cap {
            self.seen.retain(|_, t| now - *t < WINDOW_MS);
            let mut window = WINDOW_MS / 2;
            while self.seen.len() >= self.cap && window > 0 {
                self.seen.retain(|_, t| now - *t < window);
                window /= 2;
            }
            if self.seen.len() >= self.cap {
                self.seen.clear();
            }
            self.held.store(self.seen.len() as u64, Ordering::Relaxed);
        }
        match self.seen.entry(key) {
            dashmap::mapref::entry::Entry::Occupied(mut e) => {
                if now - *e.get() < WINDOW_MS {
                    false
                } else {
                    e.insert(now);
                    true
                }
            }
            dashmap::mapref::entry::Entry::Vacant(e) => {
                e.insert(now);
                self.held.fetch_add(1, Ordering::Relaxed);
                true
            }
        }
    }

    pub fn clear(&self) {
        self.seen.clear();
        self.held.store(0, Ordering::Relaxed);
    }
}

/// Everything authentication needs besides the request.
pub struct AuthContext<'a> {
    pub mode: AuthMode,
    pub world: &'a World,
    /// The wall clock, for timestamp freshness and nonces.
    pub wall_now: Millis,
    /// The mock clock, for STS token expiry (a world fact).
    pub mock_now: Millis,
    pub nonces: &'a NonceCache,
}

/// Authenticates a request.
pub fn authenticate(cx: &AuthContext, req: &AuthRequest) -> Result<Caller, ApiError> {
    let v3 = match req.header("authorization") {
        Some(h) => match signature::parse_v3_authorization(h) {
            Ok(a) => Some(Ok(a)),
            Err(V3ParseError::NotV3) => None,
            Err(V3ParseError::Malformed) => Some(Err(ApiError::IncompleteSignature)),
        },
        None => None,
    };
    match cx.mode {
        AuthMode::Lax => lax(cx, req, v3.and_then(Result::ok)),
        AuthMode::Strict => match v3 {
            Some(a) => strict_v3(cx, req, a?),
            None => strict_rpc(cx, req),
        },
    }
}

fn lax(
    cx: &AuthContext,
    req: &AuthRequest,
    v3: Option<signature::V3Authorization>,
) -> Result<Caller, ApiError> {
    let akid = match &v3 {
        Some(a) => a.access_key_id.clone(),
        None => req
            .params
            .opt("AccessKeyId")
            .map(str::to_string)
            .ok_or_else(|| ApiError::MissingParameter("AccessKeyId".into()))?,
    };
    if let Some(c) = cx.world.credential(&akid) {
        return Ok(Caller {
            account_id: c.account_id.clone(),
            access_key_id: akid,
        });
    }
    // An AccessKeyId equal to an account ID (or alias) selects that account.
    match cx.world.account(&akid) {
        Some(a) => Ok(Caller {
            account_id: a.id.clone(),
            access_key_id: akid,
        }),
        None => Err(ApiError::InvalidAccessKeyIdNotFound),
    }
}

fn check_timestamp(
    value: Option<&str>,
    wall_now: Millis,
    parse: fn(&str) -> Option<Millis>,
) -> Result<(), ApiError> {
    let t = parse(value.unwrap_or("")).ok_or(ApiError::InvalidTimeStampFormat)?;
    if (wall_now - t).abs() > WINDOW_MS {
        return Err(ApiError::InvalidTimeStampExpired);
    }
    Ok(())
}

/// Key lookup and the STS rules: a temporary key needs its own token; a token needs the key
/// it was issued with; an expired token is refused.
fn credential<'w>(
    cx: &AuthContext<'w>,
    akid: &str,
    token: Option<&str>,
) -> Result<&'w crate::world::Credential, ApiError> {
    let cred = cx
        .world
        .credential(akid)
        .ok_or(ApiError::InvalidAccessKeyIdNotFound)?;
    match (&cred.sts, token.filter(|t| !t.is_empty())) {
        (None, None) => Ok(cred),
        (None, Some(t)) | (Some(_), Some(t)) => {
            let issued_to = cx
                .world
                .token_key(t)
                .ok_or(ApiError::InvalidSecurityTokenMalformed)?;
            if issued_to != akid {
                return Err(ApiError::InvalidSecurityTokenMismatchWithAccessKey);
            }
            let sts = cred.sts.as_ref().expect("a token's key is an STS key");
            if sts.expires.is_some_and(|e| cx.mock_now >= e) {
                return Err(ApiError::InvalidSecurityTokenExpired);
            }
            Ok(cred)
        }
        (Some(_), None) => Err(ApiError::MissingSecurityToken),
    }
}

fn strict_v3(
    cx: &AuthContext,
    req: &AuthRequest,
    auth: signature::V3Authorization,
) -> Result<Caller, ApiError> {
    for h in REQUIRED_V3_HEADERS {
        if !auth.signed_headers.iter().any(|s| s == h) || req.header(h).is_none() {
            return Err(ApiError::IncompleteSignature);
        }
    }
    let token = req.header("x-acs-security-token");
    if token.is_some()
        && !auth
            .signed_headers
            .iter()
            .any(|s| s == "x-acs-security-token")
    {
        return Err(ApiError::IncompleteSignature);
    }
    check_timestamp(req.header("x-acs-date"), cx.wall_now, parse_wire_timestamp)?;
    let cred = credential(cx, &auth.access_key_id, token)?;

    let payload_hash = auth.algorithm.hash_hex(req.body);
    let canonical = signature::v3_canonical_request(
        req.method,
        req.path,
        req.query,
        req.headers,
        &auth.signed_headers,
        &payload_hash,
    );
    let string_to_sign = signature::v3_string_to_sign(auth.algorithm, &canonical);
    let expected = signature::v3_signature(auth.algorithm, &cred.secret, &string_to_sign);
    // The body digest header must match the body received; a mismatch is a signature failure.
    let digest_ok = req
        .header("x-acs-content-sha256")
        .is_some_and(|h| h.trim().eq_ignore_ascii_case(&payload_hash));
    if !digest_ok || !signature::ct_eq(&expected, &auth.signature.to_ascii_lowercase()) {
        return Err(ApiError::SignatureDoesNotMatch(string_to_sign));
    }
    let nonce = req.header("x-acs-signature-nonce").unwrap_or("");
    if !cx
        .nonces
        .check_and_insert(format!("{}\n{nonce}", cred.access_key_id), cx.wall_now)
    {
        return Err(ApiError::SignatureNonceUsed);
    }
    Ok(Caller {
        account_id: cred.account_id.clone(),
        access_key_id: cred.access_key_id.clone(),
    })
}

fn strict_rpc(cx: &AuthContext, req: &AuthRequest) -> Result<Caller, ApiError> {
    let p = req.params;
    let akid = p.required("AccessKeyId")?;
    let sig = p.opt("Signature").ok_or(ApiError::IncompleteSignature)?;
    match p.opt("SignatureMethod") {
        Some("HMAC-SHA1") => {}
        None => return Err(ApiError::MissingParameter("SignatureMethod".into())),
        Some(_) => return Err(ApiError::InvalidSignatureMethod),
    }
    if p.opt("Timestamp").is_none() {
        return Err(ApiError::IllegalTimestamp);
    }
    check_timestamp(p.opt("Timestamp"), cx.wall_now, parse_rpc_timestamp)?;
    let nonce = p.required("SignatureNonce")?;
    let cred = credential(cx, akid, p.opt("SecurityToken"))?;

    // Legacy CommonRequest body params carry a Content-MD5 header (docs/sources.md#wire-protocol).
    if let Some(md5) = req.header("content-md5") {
        use base64::Engine;
        use md5::{Digest, Md5};
        let actual = base64::engine::general_purpose::STANDARD.encode(Md5::digest(req.body));
        if md5.trim() != actual {
            return Err(ApiError::ContentMd5NotMatched);
        }
    }
    // Each parameter once, the body's value winning over the query's, as the SDKs sign it
    // (the legacy CommonRequest sends RegionId in both).
    let string_to_sign = signature::rpc_string_to_sign(req.method, req.params.iter());
    let expected = signature::rpc_signature(&cred.secret, &string_to_sign);
    if !signature::ct_eq(&expected, sig) {
        return Err(ApiError::SignatureDoesNotMatch(string_to_sign));
    }
    if !cx
        .nonces
        .check_and_insert(format!("{}\n{nonce}", cred.access_key_id), cx.wall_now)
    {
        return Err(ApiError::SignatureNonceUsed);
    }
    Ok(Caller {
        account_id: cred.account_id.clone(),
        access_key_id: cred.access_key_id.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_cache_stays_within_its_capacity_and_still_refuses_fresh_replays() {
        let c = NonceCache::with_capacity(1000);
        for i in 0..10_000 {
            assert!(c.check_and_insert(format!("k\n{i}"), i));
            assert!(c.len() <= 1000);
        }
        // The newest nonces are still remembered.
        assert!(!c.check_and_insert("k\n9999".into(), 10_000));
    }
}
