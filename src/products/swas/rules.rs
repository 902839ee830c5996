//! Simple Application Server rules: SWAS images shared to ECS (one way).

use super::model::SwasImage;
use crate::error::ApiError;
use crate::products::ecs::images::Image;
use crate::scenario::SwasImageSpec;
use crate::time::Millis;
use crate::world::World;

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
}
