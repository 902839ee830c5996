//! ECS SSH key pairs: the model and its rules. Facts from the ECS API reference:
//! <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createkeypair>,
//! `-importkeypair`, `-describekeypairs` and `-deletekeypairs` beside it.
//!
//! * Names: 2-128 characters, starting with a letter (Chinese included), then letters,
//!   digits, `:`, `_`, `-`; never starting with `http://` or `https://`. Unique per account
//!   and region (`KeyPair.AlreadyExist`); 500 per account and region (`QuotaExceed.KeyPair`).
//! * CreateKeyPair keeps the public key and returns the private key once, PEM-encoded
//!   PKCS#8. The real service makes RSA keys; the mock makes ECDSA P-256 keys from its seeded
//!   generator, so a seeded run returns the same keys (a documented mock choice).
//! * ImportKeyPair takes an OpenSSH public key of one of the documented types.
//! * The fingerprint is the MD5 digest of the public key blob in the RFC 4716 colon form.
//! * DeleteKeyPairs ignores names that do not exist (the reference lists no error for them).

mod actions;
pub mod scenario;

pub use actions::{create_key_pair, delete_key_pairs, describe_key_pairs, import_key_pair};

use std::collections::BTreeMap;

use base64::Engine;
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::products::starts_with_any;
use crate::time::Millis;
use crate::world::{Ids, World};

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
    pub tags: Vec<(String, String)>,
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

/// An SSH wire string: u32 big-endian length, then the bytes.
fn ssh_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// A new ECDSA P-256 key pair from the seeded generator: (PKCS#8 PEM private key, OpenSSH
/// public key line, public key blob).
fn generate(ids: &Ids) -> (String, String, Vec<u8>) {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use p256::pkcs8::{EncodePrivateKey, LineEnding};
    let secret = loop {
        // Nearly every 32-byte string is a valid scalar; the loop only guards the rest.
        if let Ok(k) = p256::SecretKey::from_slice(&ids.bytes32()) {
            break k;
        }
    };
    let point = secret.public_key().to_encoded_point(false);
    let mut blob = Vec::with_capacity(104);
    ssh_string(&mut blob, b"ecdsa-sha2-nistp256");
    ssh_string(&mut blob, b"nistp256");
    ssh_string(&mut blob, point.as_bytes());
    let line = format!(
        "ecdsa-sha2-nistp256 {}",
        base64::engine::general_purpose::STANDARD.encode(&blob)
    );
    let pem = secret
        .to_pkcs8_pem(LineEnding::LF)
        .map(|p| p.to_string())
        .unwrap_or_default();
    (pem, line, blob)
}

/// What CreateKeyPair and ImportKeyPair are given.
#[derive(Debug, Clone)]
pub struct NewKeyPair<'a> {
    pub name: &'a str,
    pub region: &'a str,
    pub resource_group_id: Option<&'a str>,
    pub tags: Vec<(String, String)>,
    /// ImportKeyPair's PublicKeyBody; None = generate one (CreateKeyPair).
    pub public_key: Option<&'a str>,
}

impl World {
    /// CreateKeyPair (without `public_key`) and ImportKeyPair: the new key pair and, when
    /// generated, its private key. Checks, in order: name, public key, tags, duplicate, quota.
    pub fn add_key_pair(
        &mut self,
        caller: &str,
        new: NewKeyPair,
        now: Millis,
        ids: &Ids,
    ) -> Result<(KeyPair, Option<String>), ApiError> {
        if !valid_name(new.name) {
            return Err(ApiError::InvalidKeyPairNameMalformed);
        }
        let imported = new.public_key.map(parse_public_key).transpose()?;
        crate::products::ecs::tags::check_tags(&new.tags)?;
        if self.key_pairs.get(caller, new.region, new.name).is_some() {
            return Err(ApiError::KeyPairAlreadyExist);
        }
        if self.key_pairs.of(caller, new.region).count() >= MAX_PER_REGION {
            return Err(ApiError::QuotaExceedKeyPair);
        }
        let (private_key, public_key, blob) = match imported {
            Some((line, blob)) => (None, line, blob),
            None => {
                let (pem, line, blob) = generate(ids);
                (Some(pem), line, blob)
            }
        };
        let kp = KeyPair {
            id: ids.resource_id("kp-", 20),
            name: new.name.to_string(),
            owner: caller.to_string(),
            region: new.region.to_string(),
            fingerprint: fingerprint(&blob),
            public_key,
            resource_group_id: new.resource_group_id.unwrap_or_default().to_string(),
            tags: new.tags,
            created: now,
        };
        self.key_pairs.insert(kp.clone());
        Ok((kp, private_key))
    }

    /// DeleteKeyPairs: removes the caller's key pairs of these names in `region`; names that
    /// do not exist are skipped.
    pub fn delete_key_pairs(&mut self, caller: &str, region: &str, names: &[String]) {
        for name in names {
            self.key_pairs.remove(caller, region, name);
        }
    }
}

/// The `key_pairs` section of `GET /_mock/state`.
pub fn dump(world: &World, _now: Millis, out: &mut serde_json::Map<String, serde_json::Value>) {
    let key_pairs: Vec<serde_json::Value> = world
        .key_pairs
        .iter()
        .map(|k| {
            serde_json::json!({"id": k.id, "name": k.name, "owner": k.owner, "region": k.region,
                "fingerprint": k.fingerprint, "public_key": k.public_key,
                "resource_group_id": k.resource_group_id,
                "tags": k.tags.iter().cloned().collect::<BTreeMap<_, _>>(),
                "created": crate::time::format_seconds(k.created)})
        })
        .collect();
    out.insert("key_pairs".into(), key_pairs.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_documented_rule() {
        for ok in ["ab", "packer_5f3a-1", "k:1", "密钥一", &"a".repeat(128)] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in [
            "a",
            "1abc",
            "_x",
            "http://x",
            "a b",
            "a/b",
            "",
            &"a".repeat(129),
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn public_keys_must_be_openssh_lines_of_a_documented_type() {
        let ids = Ids::new(Some(3));
        let (_, line, blob) = generate(&ids);
        assert_eq!(
            parse_public_key(&format!("{line} me@host")).unwrap().1,
            blob
        );
        for bad in [
            "",
            "ssh-rsa",
            "ssh-rsa !!!",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE",
            // Declared ssh-rsa, but the blob says ecdsa.
            &line.replace("ecdsa-sha2-nistp256", "ssh-rsa"),
        ] {
            assert_eq!(
                parse_public_key(bad),
                Err(ApiError::InvalidPublicKeyBodyMalformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn generated_keys_are_pkcs8_and_repeat_with_the_seed() {
        let (pem, line, blob) = generate(&Ids::new(Some(9)));
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        assert!(line.starts_with("ecdsa-sha2-nistp256 AAAA"));
        assert_eq!(fingerprint(&blob).len(), 47);
        assert_eq!(generate(&Ids::new(Some(9))).0, pem);
        assert_ne!(generate(&Ids::new(Some(10))).0, pem);
    }
}
