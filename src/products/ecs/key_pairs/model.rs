//! Key pairs: the model, the name rule, public keys and fingerprints.

use std::collections::BTreeMap;

use base64::Engine;
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::products::starts_with_any;
use crate::time::Millis;

/// Key pairs an account may hold in one region.
pub const MAX_PER_REGION: usize = 500;

/// Names DeleteKeyPairs takes at once.
pub const MAX_DELETE: usize = 100;

/// Longest PublicKeyBody accepted (a mock limit: an 16384-bit RSA key fits).
pub const MAX_PUBLIC_KEY_LEN: usize = 16 * 1024;

/// Public key types ImportKeyPair accepts (the key type inside the OpenSSH blob).
const KEY_TYPES: &[&str] = &[
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-rsa-cert-v00@openssh.com",
    "ssh-dss-cert-v00@openssh.com",
    "ssh-rsa-cert-v01@openssh.com",
    "ssh-dss-cert-v01@openssh.com",
    "ecdsa-sha2-nistp256-cert-v01@openssh.com",
    "ecdsa-sha2-nistp384-cert-v01@openssh.com",
    "ecdsa-sha2-nistp521-cert-v01@openssh.com",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPair {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub region: String,
    pub fingerprint: String,
    /// The OpenSSH public key line (`type base64`).
    pub public_key: String,
    pub resource_group_id: String,
    pub tags: std::collections::BTreeMap<String, String>,
    pub created: Millis,
}

/// Key pairs by owner, region and name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeyPairs {
    by_owner: BTreeMap<String, BTreeMap<String, BTreeMap<String, KeyPair>>>,
}

impl KeyPairs {
    fn region(&self, owner: &str, region: &str) -> Option<&BTreeMap<String, KeyPair>> {
        self.by_owner.get(owner)?.get(region)
    }

    /// The key pairs of `owner` in `region`, by name.
    pub fn of(&self, owner: &str, region: &str) -> impl Iterator<Item = &KeyPair> {
        self.region(owner, region)
            .into_iter()
            .flat_map(|m| m.values())
    }

    pub fn get(&self, owner: &str, region: &str, name: &str) -> Option<&KeyPair> {
        self.region(owner, region)?.get(name)
    }

    pub fn get_mut(&mut self, owner: &str, region: &str, name: &str) -> Option<&mut KeyPair> {
        self.by_owner.get_mut(owner)?.get_mut(region)?.get_mut(name)
    }

    pub fn insert(&mut self, kp: KeyPair) {
        self.by_owner
            .entry(kp.owner.clone())
            .or_default()
            .entry(kp.region.clone())
            .or_default()
            .insert(kp.name.clone(), kp);
    }

    pub fn remove(&mut self, owner: &str, region: &str, name: &str) -> Option<KeyPair> {
        self.by_owner.get_mut(owner)?.get_mut(region)?.remove(name)
    }

    /// Every key pair, by owner, region and name.
    pub fn iter(&self) -> impl Iterator<Item = &KeyPair> {
        self.by_owner
            .values()
            .flat_map(|r| r.values())
            .flat_map(|m| m.values())
    }
}

/// KeyPairName: 2-128 characters, a letter first (Chinese included), then letters, digits,
/// `:`, `_`, `-`; not `http://` or `https://` first.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(char::is_alphabetic);
    first_ok
        && (2..=128).contains(&name.chars().count())
        && !starts_with_any(name, &["http://", "https://"])
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-'))
}

/// The RFC 4716 fingerprint of a public key blob: MD5, lower-case hex pairs joined by `:`.
pub fn fingerprint(blob: &[u8]) -> String {
    let digest = Md5::digest(blob);
    let hex: Vec<String> = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex.join(":")
}

/// The blob of an OpenSSH public key line (`type base64 [comment]`) of an accepted type.
pub fn parse_public_key(body: &str) -> Result<(String, Vec<u8>), ApiError> {
    let malformed = || ApiError::InvalidPublicKeyBodyMalformed;
    if body.len() > MAX_PUBLIC_KEY_LEN {
        return Err(malformed());
    }
    let mut parts = body.split_ascii_whitespace();
    let (kind, data) = (
        parts.next().ok_or_else(malformed)?,
        parts.next().ok_or_else(malformed)?,
    );
    if !KEY_TYPES.contains(&kind) {
        return Err(malformed());
    }
    let blob = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| malformed())?;
    // The blob starts with the key type as an SSH string (u32 length, then the bytes).
    let declared = blob
        .get(..4)
        .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize)
        .and_then(|n| blob.get(4..4usize.checked_add(n)?))
        .ok_or_else(malformed)?;
    if declared != kind.as_bytes() {
        return Err(malformed());
    }
    Ok((format!("{kind} {data}"), blob))
}
