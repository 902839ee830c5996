//! The scenario's `resource_shares` section: its checks. (Loading is
//! `World::load_resource_share`.)

use crate::scenario::validate::Validator;
use crate::scenario::ResourceShareSpec;

impl Validator<'_> {
    /// Unique `rs-` IDs, names, owners, regions; resources that are the owner's images in
    /// the share's region; targets that are the directory, one of its folders, a member, or
    /// (with `allow_external_targets`) any account.
    pub(crate) fn check_resource_shares(
        &mut self,
        specs: &[ResourceShareSpec],
        origins: &[(usize, usize)],
    ) {
        let mut shares = std::collections::HashSet::new();
        for (rs, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("resource_shares[{i}]");
            if let Some(id) = &rs.id {
                if !id.starts_with("rs-") {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("resource share id {id:?} must start with \"rs-\""),
                    );
                } else if !shares.insert(id.clone()) {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("duplicate resource share id {id:?}"),
                    );
                }
            }
            if rs.name.is_empty() {
                self.err(fi, &format!("{p}.name"), "name must not be empty");
            }
            let owner = self.account(fi, &format!("{p}.owner"), &rs.owner);
            self.region(fi, &format!("{p}.region"), &rs.region);
            for (k, r) in rs.resources.iter().enumerate() {
                let rp = format!("{p}.resources[{k}]");
                if r.kind != "Image" {
                    self.err(
                        fi,
                        &format!("{rp}.type"),
                        format!("resource type {:?} is not supported (only Image)", r.kind),
                    );
                    continue;
                }
                match self.images.get(&r.id).cloned() {
                    None => self.err(
                        fi,
                        &format!("{rp}.id"),
                        format!("unknown custom image {:?}", r.id),
                    ),
                    Some((img_owner, region)) => {
                        if owner.is_some() && img_owner != owner {
                            self.err(
                                fi,
                                &format!("{rp}.id"),
                                format!("image {:?} is not owned by the share's owner", r.id),
                            );
                        } else if region != rs.region {
                            self.err(
                                fi,
                                &format!("{rp}.id"),
                                format!(
                                    "image {:?} is in {region}, not in the share's region {}",
                                    r.id, rs.region
                                ),
                            );
                        }
                    }
                }
            }
            for (k, t) in rs.targets.iter().enumerate() {
                let tp = format!("{p}.targets[{k}]");
                if t.starts_with("rd-") {
                    if self.rd_id.as_deref() != Some(t.as_str()) {
                        self.err(fi, &tp, format!("unknown resource directory {t:?}"));
                    }
                } else if t.starts_with("fd-") {
                    if !self.folders.contains(t) {
                        self.err(fi, &tp, format!("unknown folder {t:?}"));
                    }
                } else if let Some(id) = self.account(fi, &tp, t) {
                    if !self.members.contains(&id) && !rs.allow_external_targets {
                        self.err(fi, &tp, format!("account {t:?} is not in the resource directory; set allow_external_targets: true to share outside it"));
                    }
                }
            }
        }
    }
}
