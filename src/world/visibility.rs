//! Who sees which image: the one rule that crosses products. An account sees an image in a
//! region if it owns it, if it is a system, Marketplace or community image there, if the
//! owner shared it with the account by ID (ECS), or if a resource share reaches the account
//! through the resource directory or an accepted invitation (Resource Sharing).

use super::World;
use crate::products::ecs::images::model::{Access, Image};
use crate::time::Millis;

impl World {
    /// The image `id` as `account` sees it in `region` at mock time `now`, if it sees it at
    /// all: the one visibility rule every image action goes through. Named-account shares
    /// and Resource Sharing both give `Access::Shared`.
    pub fn visible_image(
        &self,
        region: &str,
        account: &str,
        id: &str,
        now: Millis,
    ) -> Option<(&Image, Access)> {
        if !self.has_region(region) {
            return None;
        }
        if let Some(found) = self.images.visible(region, account, id) {
            return Some(found);
        }
        let img = self.images.custom(id).filter(|i| i.region == region)?;
        self.shares
            .images_for(&self.directories, region, account, now)
            .contains(id)
            .then_some((img, Access::Shared))
    }

    /// Custom images shared with `account` in `region`, by account ID or through Resource
    /// Sharing, each once.
    pub fn shared_images(&self, region: &str, account: &str, now: Millis) -> Vec<&Image> {
        let mut out: Vec<&Image> = self.images.granted_to(region, account).collect();
        for id in self
            .shares
            .images_for(&self.directories, region, account, now)
        {
            if let Some(img) = self.images.custom(&id) {
                if !img.shared_with.contains_key(account) {
                    out.push(img);
                }
            }
        }
        out
    }
}
