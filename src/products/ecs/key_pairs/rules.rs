//! Adding and deleting key pairs: one atomic `World` method each; key generation.

use base64::Engine;

use super::model::{fingerprint, parse_public_key, valid_name, KeyPair, MAX_PER_REGION};
use crate::error::ApiError;
use crate::products::ecs::instances::InstanceStatus;
use crate::time::Millis;
use crate::world::{Ids, World};

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
            tags: new.tags.into_iter().collect(),
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

    /// AttachKeyPair (`attach`) and DetachKeyPair: the key pair must be the caller's in the
    /// region, else the whole call fails; then each instance succeeds or fails on its own
    /// (docs/sources.md#ecs-attachkeypair). An instance must be the caller's in the region
    /// and `Running` or `Stopped`; attaching replaces its key pair; detaching a key pair the
    /// instance does not have changes nothing (*inferred*).
    pub fn bind_key_pair(
        &mut self,
        caller: &str,
        region: &str,
        name: &str,
        instance_ids: &[String],
        attach: bool,
        now: Millis,
    ) -> Result<Vec<(String, Option<ApiError>)>, ApiError> {
        if self.key_pairs.get(caller, region, name).is_none() {
            return Err(ApiError::InvalidKeyPairNameNotFound);
        }
        let mut out = Vec::with_capacity(instance_ids.len());
        for id in instance_ids {
            let instance = self
                .instances
                .get_mut(id)
                .filter(|i| i.owner == caller && i.region == region);
            let outcome = match instance {
                None => Some(ApiError::InvalidInstanceIdNotFound),
                Some(i)
                    if !matches!(
                        i.status_at(now),
                        InstanceStatus::Running | InstanceStatus::Stopped
                    ) =>
                {
                    Some(ApiError::IncorrectInstanceStatus)
                }
                Some(i) => {
                    if attach {
                        i.key_pair = Some(name.to_string());
                    } else if i.key_pair.as_deref() == Some(name) {
                        i.key_pair = None;
                    }
                    None
                }
            };
            out.push((id.clone(), outcome));
        }
        Ok(out)
    }
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
