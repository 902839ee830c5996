//! Quota Center 2020-05-10 (docs/sources.md#quota-center): the ECS per-image share quota and the
//! custom-image quota. Parameters arrive in the form body; `Params` merges them.

use serde_json::Value;

use super::{
    ApplicationStatus, QuotaApplication, MAX_QUOTA_VALUE, QUOTA_CUSTOM_IMAGES,
    QUOTA_SHARE_IMAGE_USERS,
};
use crate::error::ApiError;
use crate::products::{token_page, Action, Ctx};
use crate::protocol::{Params, Reply};
use crate::time::format_seconds;
use crate::world::World;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "ListProductQuotas",
        handler: list_product_quotas,
    },
    Action {
        name: "GetProductQuota",
        handler: get_product_quota,
    },
    Action {
        name: "CreateQuotaApplication",
        handler: create_quota_application,
    },
    Action {
        name: "ListQuotaApplications",
        handler: list_quota_applications,
    },
    Action {
        name: "GetQuotaApplication",
        handler: get_quota_application,
    },
];

const QUOTAS: &[(&str, &str, &str)] = &[
    (
        QUOTA_SHARE_IMAGE_USERS,
        "Quota of users that can be shared per custom image",
        "The number of Alibaba Cloud accounts one custom image can be shared with.",
    ),
    (
        QUOTA_CUSTOM_IMAGES,
        "Quota of custom images",
        "The number of custom images an account can own in a region.",
    ),
];

fn meta(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    QUOTAS.iter().find(|q| q.0 == code)
}

/// The `regionId` dimension (ECS quotas are regional), else the call's region.
fn dimension_region(p: &Params, fallback: &str) -> Result<String, ApiError> {
    Ok(p.object_list("Dimensions")?
        .into_iter()
        .find_map(|f| {
            (f.get("Key") == Some("regionId"))
                .then(|| f.get("Value").map(str::to_string))
                .flatten()
        })
        .unwrap_or_else(|| fallback.to_string()))
}

fn arn(account: &str, region: &str, code: &str) -> String {
    format!("acs:quotas:{region}:{account}:quota/ecs/{code}")
}

fn quota_view(world: &World, account: &str, code: &str, region: &str) -> Option<Value> {
    let (name, description) = meta(code).map(|m| (m.1, m.2))?;
    let (total, used) = world.quota(account, code, region)?;
    Some(object! {
        "ProductCode" => "ecs",
        "QuotaActionCode" => code,
        "QuotaName" => name,
        "QuotaDescription" => description,
        "QuotaArn" => arn(account, region, code),
        "QuotaType" => "normal",
        "QuotaCategory" => "CommonQuota",
        "QuotaUnit" => "",
        "TotalQuota" => total,
        "TotalUsage" => used,
        "Adjustable" => true,
        "UnadjustableDetail" => "",
        "ApplicableType" => "continuous",
        "ApplicableRange" => vec![Value::from(total), Value::from(MAX_QUOTA_VALUE)],
        "Consumable" => true,
        "Dimensions" => object! { "regionId" => region },
        "QuotaItems" => vec![object! {
            "Type" => "BaseQuota",
            "Quota" => (total as u64).to_string(),
            "QuotaUnit" => "",
            "Usage" => (used as u64).to_string(),
        }],
        "GlobalQuota" => false,
    })
}

fn application_view(a: &QuotaApplication) -> Value {
    let (name, description) = meta(&a.quota).map_or(("", ""), |m| (m.1, m.2));
    object! {
        "ApplicationId" => a.id.as_str(),
        "Status" => a.status.as_str(),
        "DesireValue" => a.desire,
        "ApproveValue" => a.approve.map_or(Value::Null, Value::from),
        "AuditReason" => a.audit_reason.as_str(),
        "Reason" => a.reason.as_str(),
        "QuotaActionCode" => a.quota.as_str(),
        "QuotaName" => name,
        "QuotaDescription" => description,
        "QuotaArn" => arn(&a.account, &a.region, &a.quota),
        "QuotaUnit" => "",
        "ProductCode" => a.product.as_str(),
        "ApplyTime" => format_seconds(a.applied),
        "EffectiveTime" => match (a.status, a.decided) {
            (ApplicationStatus::Agree, Some(t)) => format_seconds(t),
            _ => String::new(),
        },
        "ExpireTime" => "",
        "NoticeType" => a.notice_type,
        "Dimension" => object! { "regionId" => a.region.as_str() },
    }
}

fn max_results(p: &Params, max: i64) -> Result<usize, ApiError> {
    match p.opt("MaxResults") {
        None => Ok(30),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n as usize),
            _ => Err(ApiError::InvalidMaxResultsQuota),
        },
    }
}

fn next_token(p: &Params) -> Result<usize, ApiError> {
    p.opt("NextToken").map_or(Ok(0), |t| {
        t.parse()
            .map_err(|_| ApiError::InvalidParameter("NextToken".into()))
    })
}

/// A page of a Quota Center list: `TotalCount`, `MaxResults`, and `NextToken` (empty on the
/// last page, as Quota Center answers).
fn paged(key: &str, items: Vec<Value>, start: usize, max: usize) -> Reply {
    let total = items.len();
    let (page, next) = token_page(items, start, max);
    let next = next.map_or(String::new(), |n| n.to_string());
    object! { "TotalCount" => total, "MaxResults" => max, "NextToken" => next, key => page }.into()
}

fn list_product_quotas(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let product = p.required("ProductCode")?;
    let max = max_results(p, 100)?;
    if p.opt("SortOrder")
        .is_some_and(|o| !matches!(o, "Ascending" | "Descending"))
    {
        return Err(ApiError::InvalidSortOrder);
    }
    let start = next_token(p)?;
    let region = dimension_region(p, ctx.region)?;
    let code = p.opt("QuotaActionCode");
    let keyword = p.opt("KeyWord").map(str::to_lowercase);
    let world = ctx.world();
    let items: Vec<Value> = if product == "ecs" {
        QUOTAS
            .iter()
            .filter(|q| code.is_none_or(|c| c == q.0))
            .filter(|q| {
                keyword
                    .as_ref()
                    .is_none_or(|k| q.1.to_lowercase().contains(k.as_str()))
            })
            .filter_map(|q| quota_view(&world, &ctx.caller.account_id, q.0, &region))
            .collect()
    } else {
        vec![]
    };
    Ok(paged("Quotas", items, start, max))
}

fn get_product_quota(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let product = p.required("ProductCode")?;
    let code = p.required("QuotaActionCode")?;
    let region = dimension_region(p, ctx.region)?;
    let world = ctx.world();
    let q = (product == "ecs")
        .then(|| quota_view(&world, &ctx.caller.account_id, code, &region))
        .flatten()
        .ok_or(ApiError::QuotaNotFound)?;
    Ok(object! { "Quota" => q }.into())
}

fn create_quota_application(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let product = p.required("ProductCode")?;
    let code = p.required("QuotaActionCode")?;
    let desire: f64 = p
        .required("DesireValue")?
        .trim()
        .parse()
        .map_err(|_| ApiError::InvalidDesireValue)?;
    let reason = p.required("Reason")?;
    let notice = match p.opt("NoticeType") {
        None => 0,
        Some(v) => v.parse::<i64>().map_err(|_| ApiError::InvalidNoticeType)?,
    };
    let region = dimension_region(p, ctx.region)?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let decision = world.scenario.spec.quota_applications.unwrap_or_default();
    let app = world.create_quota_application(
        &ctx.caller.account_id,
        product,
        code,
        &region,
        desire,
        reason,
        notice,
        decision,
        now,
        ctx.ids,
    )?;
    // CreateQuotaApplication answers at the top level, not wrapped (§4.1).
    Ok(application_view(&app).into())
}

fn list_quota_applications(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let status = match p.opt("Status") {
        None => None,
        Some(s @ ("Agree" | "Disagree" | "Process" | "Cancel")) => Some(s),
        Some(_) => return Err(ApiError::InvalidStatus),
    };
    let max = max_results(p, 200)?;
    let start = next_token(p)?;
    let (product, code) = (p.opt("ProductCode"), p.opt("QuotaActionCode"));
    let world = ctx.world();
    let items: Vec<Value> = world
        .quota_applications
        .values()
        .filter(|a| a.account == ctx.caller.account_id)
        .filter(|a| product.is_none_or(|x| x == a.product) && code.is_none_or(|x| x == a.quota))
        .filter(|a| status.is_none_or(|s| s == a.status.as_str()))
        .map(application_view)
        .collect();
    Ok(paged("QuotaApplications", items, start, max))
}

fn get_quota_application(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx.params.required("ApplicationId")?;
    let world = ctx.world();
    let a = world
        .quota_applications
        .get(id)
        .filter(|a| a.account == ctx.caller.account_id)
        .ok_or(ApiError::QuotaApplicationNotFound)?;
    Ok(object! { "QuotaApplication" => application_view(a) }.into())
}
