//! The scenario's `key_pairs` section: its checks and its loading into the world.

use super::{valid_name, NewKeyPair};
use crate::scenario::validate::Validator;
use crate::scenario::KeyPairSpec;
use crate::time::Millis;
use crate::world::{Ids, World};

impl Validator<'_> {
    /// Owners and regions exist, names follow the API's rule and are unique per owner and
    /// region, public keys parse, tags follow the tag rules.
    pub(crate) fn check_key_pairs(&mut self, specs: &[KeyPairSpec], origins: &[(usize, usize)]) {
        let mut seen = std::collections::HashSet::new();
        for (kp, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("key_pairs[{i}]");
            let owner = self.account(fi, &format!("{p}.owner"), &kp.owner);
            self.region(fi, &format!("{p}.region"), &kp.region);
            if !valid_name(&kp.name) {
                self.err(
                    fi,
                    &format!("{p}.name"),
                    format!("key pair name {:?} is not 2-128 letters, digits, ':', '_' or '-' starting with a letter", kp.name),
                );
            } else if let Some(owner) = owner {
                if !seen.insert((owner, kp.region.clone(), kp.name.clone())) {
                    self.err(
                        fi,
                        &format!("{p}.name"),
                        format!("duplicate key pair {:?} for this owner and region", kp.name),
                    );
                }
            }
            if let Some(body) = &kp.public_key {
                if super::parse_public_key(body).is_err() {
                    self.err(
                        fi,
                        &format!("{p}.public_key"),
                        "not an OpenSSH public key of a supported type (ssh-rsa, ssh-dss, ecdsa-sha2-nistp256/384/521)",
                    );
                }
            }
            let tags: Vec<(String, String)> = kp.tags.clone().into_iter().collect();
            if let Err(e) = crate::products::ecs::tags::check_tags(&tags) {
                self.err(fi, &format!("{p}.tags"), e.message());
            }
        }
    }
}

impl World {
    /// Adds the scenario's key pairs (validated, so every one is accepted).
    pub(crate) fn load_key_pairs(&mut self, specs: &[KeyPairSpec], now: Millis, ids: &Ids) {
        for kp in specs {
            let owner = self.account_id(&kp.owner);
            let new = NewKeyPair {
                name: &kp.name,
                region: &kp.region,
                resource_group_id: kp.resource_group_id.as_deref(),
                tags: kp.tags.clone().into_iter().collect(),
                public_key: kp.public_key.as_deref(),
            };
            if let Err(e) = self.add_key_pair(&owner, new, now, ids) {
                tracing::warn!(name = %kp.name, error = %e, "scenario key pair not loaded");
            }
        }
    }
}
