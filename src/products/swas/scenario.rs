//! The scenario's `swas_images` section: its checks.

use crate::scenario::validate::Validator;
use crate::scenario::{SwasImageSpec, SwasInstanceSpec};

impl Validator<'_> {
    /// Owners, regions, and `m-` IDs unique among ECS and SWAS images.
    pub(crate) fn check_swas_images(
        &mut self,
        specs: &[SwasImageSpec],
        origins: &[(usize, usize)],
    ) {
        for (img, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("swas_images[{i}]");
            self.account(fi, &format!("{p}.owner"), &img.owner);
            self.region(fi, &format!("{p}.region"), &img.region);
            if !img.id.starts_with("m-") {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("image id {:?} must start with \"m-\"", img.id),
                );
            } else if self.images.contains_key(&img.id) || !self.swas.insert(img.id.clone()) {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("duplicate image id {:?}", img.id),
                );
            }
        }
    }

    /// Owners, regions, and IDs unique among simple application servers.
    pub(crate) fn check_swas_instances(
        &mut self,
        specs: &[SwasInstanceSpec],
        origins: &[(usize, usize)],
    ) {
        let mut seen = std::collections::HashSet::new();
        for (inst, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("swas_instances[{i}]");
            self.account(fi, &format!("{p}.owner"), &inst.owner);
            self.region(fi, &format!("{p}.region"), &inst.region);
            if inst.id.is_empty() || !seen.insert(inst.id.as_str()) {
                self.err(
                    fi,
                    &format!("{p}.id"),
                    format!("empty or duplicate server id {:?}", inst.id),
                );
            }
        }
    }
}
