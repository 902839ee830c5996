//! The scenario's `instances` section: its checks.

use crate::scenario::validate::Validator;
use crate::scenario::InstanceSpec;

impl Validator<'_> {
    /// Unique `i-` IDs, owners, regions, and images that exist in the instance's region.
    pub(crate) fn check_instances(&mut self, specs: &[InstanceSpec], origins: &[(usize, usize)]) {
        let mut instances = std::collections::HashSet::new();
        for (inst, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("instances[{i}]");
            if let Some(id) = &inst.id {
                if !id.starts_with("i-") {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("instance id {id:?} must start with \"i-\""),
                    );
                } else if !instances.insert(id.clone()) {
                    self.err(
                        fi,
                        &format!("{p}.id"),
                        format!("duplicate instance id {id:?}"),
                    );
                }
            }
            self.account(fi, &format!("{p}.owner"), &inst.owner);
            self.region(fi, &format!("{p}.region"), &inst.region);
            if inst.image.starts_with("m-") {
                let known = self.images.get(&inst.image).map(|(_, r)| r.clone());
                match known {
                    None if !self.swas.contains(&inst.image) => self.err(
                        fi,
                        &format!("{p}.image"),
                        format!("unknown custom image {:?}", inst.image),
                    ),
                    Some(region) if region != inst.region => self.err(
                        fi,
                        &format!("{p}.image"),
                        format!(
                            "image {:?} is in {region}, not in the instance's region {}",
                            inst.image, inst.region
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }
}
