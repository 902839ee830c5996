//! Location 2015-06-12 `DescribeEndpoints`: the endpoint discovery older SDKs do before a
//! call (docs/proxy.md, docs/sources.md#location).
//!
//! Alibaba's Go SDK (the one Packer 1.6 embeds) asks
//! `location-readonly.aliyuncs.com` over HTTPS for the host of a product in a region before
//! each new request object, and falls back to its built-in table when the lookup fails;
//! failures are not cached, so answering it saves a failed lookup per call. The answer is
//! the mock's own host for the product (`Product::host`), in the shape of a recorded real
//! answer (the SDK's `location_resolver.go`), including its misspelt `SerivceCode` field.
//! A service code the mock does not serve, or an unknown region, gets an empty list (and
//! the SDK uses its table).

use serde_json::Value;

use crate::error::ApiError;
use crate::products::{Action, Ctx, PRODUCTS};
use crate::protocol::Reply;

pub static ACTIONS: &[Action] = &[Action {
    name: "DescribeEndpoints",
    handler: describe_endpoints,
}];

fn describe_endpoints(ctx: &Ctx) -> Result<Reply, ApiError> {
    let p = ctx.params;
    let region = p.required("Id")?;
    let service = p.required("ServiceCode")?;
    let kind = p.opt("Type").unwrap_or("openAPI");
    let known_region = ctx.world().has_region(region);
    let endpoints: Vec<Value> = PRODUCTS
        .iter()
        .filter(|prod| known_region && prod.code.eq_ignore_ascii_case(service))
        .take(1)
        .map(|prod| {
            object! {
                "Protocols" => object! { "Protocols" => vec!["HTTP", "HTTPS"] },
                "Type" => kind,
                "Namespace" => "",
                "Id" => region,
                "SerivceCode" => prod.code,
                "Endpoint" => prod.host(region),
            }
        })
        .collect();
    Ok(object! {
        "Endpoints" => object! { "Endpoint" => endpoints },
        "Success" => true,
    }
    .into())
}
