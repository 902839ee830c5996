//! Simple Application Server rules: SWAS images shared to ECS (one way).

use super::model::{SwasImage, SwasInstance};
use crate::error::ApiError;
use crate::products::ecs::images::Image;
use crate::scenario::{SwasImageSpec, SwasInstanceSpec};
use crate::time::Millis;
use crate::world::{Ids, World};

impl World {
    fn swas_ecs_image(&self, sw: &SwasImage, now: Millis) -> Image {
        Image {
            description: "Shared from Simple Application Server".into(),
            os_name: "Ubuntu".into(),
            platform: "Ubuntu".into(),
            ..Image::custom(&sw.id, &sw.region, &sw.owner, &sw.name, now)
        }
    }

    pub(crate) fn load_swas_image(&mut self, spec: &SwasImageSpec, now: Millis) {
        let sw = SwasImage {
            id: spec.id.clone(),
            owner: self.account_id(&spec.owner),
            region: spec.region.clone(),
            name: spec.name.clone().unwrap_or_else(|| spec.id.clone()),
            created: now,
            shared_to_ecs: spec.shared_to_ecs,
            instance_id: String::new(),
            description: String::new(),
            system_snapshot_id: String::new(),
            data_snapshot_id: String::new(),
        };
        if sw.shared_to_ecs {
            let img = self.swas_ecs_image(&sw, now);
            self.images.insert(img);
        }
        self.swas_images.insert(sw.id.clone(), sw);
    }

    /// ModifyImageShareStatus: `Share` makes the SWAS image an ECS custom image of the same
    /// account, region and ID; `UnShare` removes it from ECS (one-way: ECS images never
    /// become SWAS images; their IDs are unknown to this API: `InvalidImageId.NotFound`).
    pub fn modify_swas_share(
        &mut self,
        caller: &str,
        region: &str,
        id: &str,
        op: &str,
        now: Millis,
    ) -> Result<(), ApiError> {
        let share = match op {
            "Share" => true,
            "UnShare" => false,
            _ => return Err(ApiError::InvalidParamOperationIllegal),
        };
        let sw = self
            .swas_images
            .get(id)
            .filter(|s| s.owner == caller && s.region == region)
            .ok_or(ApiError::InvalidImageIdNotFound)?
            .clone();
        if share && !sw.shared_to_ecs {
            let img = self.swas_ecs_image(&sw, now);
            self.images.insert(img);
        } else if !share && sw.shared_to_ecs {
            self.images.remove(id);
        }
        self.swas_images.get_mut(id).expect("checked").shared_to_ecs = share;
        Ok(())
    }

    pub(crate) fn load_swas_instance(&mut self, spec: &SwasInstanceSpec) {
        let si = SwasInstance {
            id: spec.id.clone(),
            owner: self.account_id(&spec.owner),
            region: spec.region.clone(),
            name: spec.name.clone().unwrap_or_else(|| spec.id.clone()),
        };
        self.swas_instances.insert(si.id.clone(), si);
    }

    /// CreateCustomImage: an image of one of the caller's servers in the region, named
    /// uniquely among the caller's custom images there, within the documented quota
    /// (3 per server in the region, at most 15). The image is available at once.
    pub fn create_swas_image(
        &mut self,
        caller: &str,
        region: &str,
        r: CustomImageRequest,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        let server = self
            .swas_instances
            .get(&r.instance_id)
            .filter(|s| s.owner == caller && s.region == region)
            .ok_or(ApiError::InvalidInstanceIdNotFound)?;
        let servers = self
            .swas_instances
            .values()
            .filter(|s| s.owner == caller && s.region == region)
            .count();
        let mine: Vec<&SwasImage> = self
            .swas_images
            .values()
            .filter(|i| i.owner == caller && i.region == region)
            .collect();
        if mine.iter().any(|i| i.name == r.name) {
            return Err(ApiError::ImageNameAlreadyExist);
        }
        if mine.len() >= (3 * servers).min(MAX_CUSTOM_IMAGES) {
            return Err(ApiError::CustomImageQuotaLimit);
        }
        let id = ids.resource_id("m-", 20);
        let image = SwasImage {
            id: id.clone(),
            owner: caller.to_string(),
            region: region.to_string(),
            name: r.name,
            created: now,
            shared_to_ecs: false,
            instance_id: server.id.clone(),
            description: r.description,
            system_snapshot_id: r.system_snapshot_id,
            data_snapshot_id: r.data_snapshot_id,
        };
        self.swas_images.insert(id.clone(), image);
        Ok(id)
    }

    /// DeleteCustomImage(s): every ID must be one of the caller's images in the region and
    /// not shared to ECS; otherwise nothing is deleted.
    pub fn delete_swas_images(
        &mut self,
        caller: &str,
        region: &str,
        ids: &[String],
    ) -> Result<(), ApiError> {
        for id in ids {
            let image = self
                .swas_images
                .get(id)
                .filter(|i| i.owner == caller && i.region == region)
                .ok_or(ApiError::InvalidImageIdNotFound)?;
            if image.shared_to_ecs {
                return Err(ApiError::CustomImageInShare);
            }
        }
        for id in ids {
            self.swas_images.remove(id);
        }
        Ok(())
    }
}

/// Custom images per account and region: three per server, at most this many (documented).
const MAX_CUSTOM_IMAGES: usize = 15;

/// What CreateCustomImage asks for, checked for form by the action.
pub struct CustomImageRequest {
    pub instance_id: String,
    pub name: String,
    pub description: String,
    pub system_snapshot_id: String,
    pub data_snapshot_id: String,
}
