//! The scenario's `images` section: its checks. (Loading is `World::image_from_spec`.)

use crate::scenario::validate::Validator;
use crate::scenario::{Encryption, ImageSpec};

impl Validator<'_> {
    /// Owners, regions, unique `m-` IDs, CMK keys only with CMK encryption, fees, and
    /// `shared_with` lists naming other accounts once each. Records every image for the
    /// sections that refer to images.
    pub(crate) fn check_images(&mut self, specs: &[ImageSpec], origins: &[(usize, usize)]) {
        for (img, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("images[{i}]");
            let owner = self.account(fi, &format!("{p}.owner"), &img.owner);
            self.region(fi, &format!("{p}.region"), &img.region);
            if let Some(id) = &img.id {
                if !id.starts_with("m-") || id.len() < 3 {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("custom image id {id:?} must start with \"m-\""),
                    );
                } else if self
                    .images
                    .insert(id.clone(), (owner.clone(), img.region.clone()))
                    .is_some()
                {
                    self.err(fi, &format!("{p}.id"), format!("duplicate image id {id:?}"));
                }
            }
            if img.kms_key_id.is_some() && img.encryption != Encryption::Cmk {
                self.err(
                    fi,
                    &format!("{p}.kms_key_id"),
                    "kms_key_id is only allowed with encryption: cmk",
                );
            }
            if !img.image_fee.is_finite() || img.image_fee < 0.0 {
                self.err(
                    fi,
                    &format!("{p}.image_fee"),
                    "image_fee must be a number >= 0",
                );
            }
            let mut seen = std::collections::HashSet::new();
            for (k, r) in img.shared_with.iter().enumerate() {
                let sp = format!("{p}.shared_with[{k}]");
                if let Some(id) = self.account(fi, &sp, r) {
                    if Some(&id) == owner.as_ref() {
                        self.err(fi, &sp, "an image cannot be shared with its owner");
                    } else if !seen.insert(id) {
                        self.err(fi, &sp, format!("account {r:?} is listed twice"));
                    }
                }
            }
        }
    }
}
