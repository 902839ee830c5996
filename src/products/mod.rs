//! One module per product: an action table and the handlers behind it.
//!
//! A handler is a plain synchronous function `fn(&Ctx) -> Result<Reply, ApiError>`: it reads
//! its parameters through the typed getters of [`Params`], calls the world, and returns the
//! response fields as a JSON value or, for large answers, a serialised typed view (the
//! envelope adds `RequestId`). Adding an action is one handler and one
//! row in its product's table.

/// A JSON object from `key => value` pairs. Values are moved in: `serde_json::json!` would
/// copy every `Value` given to it through the serializer, which for a page of images is most
/// of a request's cost.
macro_rules! object {
    ($($k:expr => $v:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut m = serde_json::Map::new();
        $( m.insert(String::from($k), serde_json::Value::from($v)); )*
        serde_json::Value::Object(m)
    }};
}

pub mod ecs;
pub mod location;
pub mod quotas;
pub mod ram;
pub mod resource_directory;
pub mod resource_sharing;
pub mod sts;
pub mod swas;
pub mod vpc;

use std::sync::{RwLockReadGuard, RwLockWriteGuard};

use crate::error::ApiError;
use crate::protocol::{Params, Reply};
use crate::time::Millis;
use crate::world::{Caller, Ids, World, WorldLock};

/// `PageNumber` (>= 1, default 1) and `PageSize` (1-100, default 10), as ECS and
/// ResourceManager page.
pub fn paging(p: &Params) -> Result<(usize, usize), ApiError> {
    let number = p.int("PageNumber", 1, i32::MAX as i64)?.unwrap_or(1) as usize;
    let size = p.int("PageSize", 1, 100)?.unwrap_or(10) as usize;
    Ok((number, size))
}

/// Whether `s` starts with one of `prefixes` (names that may not start with `http://`,
/// `aliyun`, `acs:` and the like).
pub fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// `*` matches any run of characters; the rest must match exactly.
pub fn wildcard(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name.ends_with(last) || name.len() < first.len() + last.len() {
        return false;
    }
    // Both ends matched, so both cuts fall on character boundaries.
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// `ClientToken`: at most 64 ASCII characters (the ECS and VPC references), else
/// `InvalidClientToken.ValueNotSupported`.
pub fn client_token(p: &Params) -> Result<Option<&str>, ApiError> {
    match p.opt("ClientToken") {
        Some(t) if t.len() > 64 || !t.is_ascii() => {
            Err(ApiError::InvalidClientTokenValueNotSupported)
        }
        t => Ok(t),
    }
}

/// Keeps only `fields` of a JSON object: an action that answers with fewer fields than the
/// shared view of its resource (the ECS API's copies of the VPC calls).
pub fn keep_fields(mut v: serde_json::Value, fields: &[&str]) -> serde_json::Value {
    if let Some(m) = v.as_object_mut() {
        m.retain(|k, _| fields.contains(&k.as_str()));
    }
    v
}

/// One page of `items`.
pub fn page<T>(items: Vec<T>, number: usize, size: usize) -> impl Iterator<Item = T> {
    items
        .into_iter()
        .skip((number - 1).saturating_mul(size))
        .take(size)
}

/// The items from offset `start` (a NextToken or Marker this mock handed out), at most
/// `max` of them, and the offset of the next page if there is one. Any offset is safe: past
/// the end is an empty last page.
pub fn token_page<T>(items: Vec<T>, start: usize, max: usize) -> (Vec<T>, Option<usize>) {
    let next = start.checked_add(max).filter(|&n| n < items.len());
    (items.into_iter().skip(start).take(max).collect(), next)
}

/// How a list call pages: by `PageNumber`/`PageSize`, or by `NextToken`/`MaxResults` when
/// either of those is sent (DescribeInstances, DescribeDisks, DescribeSnapshots).
pub enum Paging {
    Numbers { number: usize, size: usize },
    Tokens { start: usize, max: usize },
}

impl Paging {
    /// `MaxResults` is 1-`max_results` (default 10); a `NextToken` is one this mock handed
    /// out.
    pub fn read(p: &Params, max_results: i64) -> Result<Paging, ApiError> {
        let token = p.opt("NextToken").filter(|t| !t.is_empty());
        if p.opt("MaxResults").is_none() && token.is_none() {
            let (number, size) = paging(p)?;
            return Ok(Paging::Numbers { number, size });
        }
        let max = p.int("MaxResults", 1, max_results)?.unwrap_or(10) as usize;
        let start = match token {
            None => 0,
            Some(t) => t
                .parse::<usize>()
                .map_err(|_| ApiError::InvalidParameter("NextToken".into()))?,
        };
        Ok(Paging::Tokens { start, max })
    }

    /// The page of `items`, and the answer's `TotalCount`, `NextToken` and (paging by
    /// numbers) `PageNumber` and `PageSize`.
    pub fn apply<T>(&self, items: Vec<T>) -> (Vec<T>, serde_json::Map<String, serde_json::Value>) {
        let total = items.len();
        let mut fields = serde_json::Map::new();
        fields.insert("TotalCount".into(), total.into());
        let page = match *self {
            Paging::Numbers { number, size } => {
                fields.insert("PageNumber".into(), number.into());
                fields.insert("PageSize".into(), size.into());
                fields.insert("NextToken".into(), "".into());
                page(items, number, size).collect()
            }
            Paging::Tokens { start, max } => {
                let (items, next) = token_page(items, start, max);
                let next = next.map(|n| n.to_string()).unwrap_or_default();
                fields.insert("NextToken".into(), next.into());
                items
            }
        };
        (page, fields)
    }
}

/// A `Name.N` list, at most `max` long and without duplicates.
pub fn bounded_list(
    p: &Params,
    name: &str,
    max: usize,
    too_long: ApiError,
    duplicate: ApiError,
) -> Result<Vec<String>, ApiError> {
    let l: Vec<String> = p.list(name)?.into_iter().map(str::to_string).collect();
    if l.len() > max {
        return Err(too_long);
    }
    for (i, x) in l.iter().enumerate() {
        if l[..i].contains(x) {
            return Err(duplicate);
        }
    }
    Ok(l)
}

/// What a handler gets: the world, the ID generator, who calls, from where, with what, and
/// the mock-clock instant of the call (read once, so every step of a call sees one time).
pub struct Ctx<'a> {
    pub world: &'a WorldLock,
    pub ids: &'a Ids,
    pub caller: &'a Caller,
    /// The region of the call: `RegionId`, else the Host's region, else the default region.
    /// Not yet checked against the world: handlers that need one call [`Ctx::region`].
    pub region: &'a str,
    pub params: &'a Params,
    pub now: Millis,
}

impl Ctx<'_> {
    /// Reads the world.
    pub fn world(&self) -> RwLockReadGuard<'_, World> {
        self.world.read()
    }

    /// Changes the world: one guard is one atomic change as seen by other requests.
    pub fn world_mut(&self) -> RwLockWriteGuard<'_, World> {
        self.world.write()
    }

    /// The region of a call whose `RegionId` is mandatory (ECS images, instances, key
    /// pairs; SWAS): present, and one of the world's regions.
    pub fn required_region(&self) -> Result<&str, ApiError> {
        let region = self.params.required("RegionId")?;
        if !self.world().has_region(region) {
            return Err(ApiError::InvalidRegionIdNotFound);
        }
        Ok(region)
    }

    /// The call's region, which must be one of the world's regions.
    pub fn region(&self) -> Result<&str, ApiError> {
        let world = self.world();
        if world.has_region(self.region) {
            Ok(self.region)
        } else {
            Err(ApiError::InvalidRegionIdNotFound)
        }
    }
}

pub type Handler = fn(&Ctx) -> Result<Reply, ApiError>;

/// One row of an action table.
pub struct Action {
    pub name: &'static str,
    pub handler: Handler,
}

/// How a product's endpoint host is formed (docs/sources.md#org-wire, docs/sources.md#ecs-wire).
#[derive(Debug, Clone, Copy)]
pub enum Endpoint {
    /// `<code>.<region>.aliyuncs.com`
    Regional,
    /// `<code>.aliyuncs.com`
    Central,
}

/// One product: its API version, names and actions.
pub struct Product {
    /// The product name used in `Recommend` links and `actions` output, e.g. `Ecs`.
    pub name: &'static str,
    /// The endpoint code, e.g. `ecs`.
    pub code: &'static str,
    pub version: &'static str,
    pub endpoint: Endpoint,
    pub actions: &'static [Action],
    /// Actions served as another version serves them, unless `actions` has its own.
    pub inherits: &'static [Action],
}

impl Product {
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions
            .iter()
            .chain(self.inherits)
            .find(|a| a.name == name)
    }

    /// Every action, its own first, then the inherited ones it does not override.
    pub fn all_actions(&self) -> impl Iterator<Item = &Action> {
        let own = self.actions;
        own.iter().chain(
            self.inherits
                .iter()
                .filter(move |a| !own.iter().any(|o| o.name == a.name)),
        )
    }

    /// The endpoint host for a region (used as `HostId` in errors).
    pub fn host(&self, region: &str) -> String {
        match (self.endpoint, self.code, region) {
            // The SDK's endpoint map sends cn-hangzhou ECS calls to ecs-cn-hangzhou.
            (_, "ecs", "cn-hangzhou") => "ecs-cn-hangzhou.aliyuncs.com".to_string(),
            (Endpoint::Regional, code, region) => [code, ".", region, ".aliyuncs.com"].concat(),
            (Endpoint::Central, code, _) => [code, ".aliyuncs.com"].concat(),
        }
    }
}

/// Products the mock routes by API version (docs/clients.md). An action a product's table
/// does not list answers `InvalidAction.NotFound`.
pub static PRODUCTS: &[Product] = &[
    Product {
        name: "Ecs",
        code: "ecs",
        version: "2014-05-26",
        endpoint: Endpoint::Regional,
        actions: ecs::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "ResourceSharing",
        code: "resourcesharing",
        version: "2020-01-10",
        endpoint: Endpoint::Regional,
        actions: resource_sharing::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "ResourceManager",
        code: "resourcemanager",
        version: "2020-03-31",
        endpoint: Endpoint::Central,
        actions: resource_directory::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "quotas",
        code: "quotas",
        version: "2020-05-10",
        endpoint: Endpoint::Central,
        actions: quotas::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "Ram",
        code: "ram",
        version: "2015-05-01",
        endpoint: Endpoint::Central,
        actions: ram::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "SWAS-OPEN",
        code: "swas",
        version: "2020-06-01",
        endpoint: Endpoint::Regional,
        actions: swas::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "ResourceDirectoryMaster",
        code: "resourcedirectory",
        version: "2022-04-19",
        endpoint: Endpoint::Central,
        actions: resource_directory::ACTIONS_2022,
        inherits: resource_directory::ACTIONS,
    },
    Product {
        name: "Location",
        code: "location",
        version: "2015-06-12",
        endpoint: Endpoint::Central,
        actions: location::ACTIONS,
        inherits: &[],
    },
    Product {
        name: "Sts",
        code: "sts",
        version: "2015-04-01",
        endpoint: Endpoint::Regional,
        actions: sts::ACTIONS,
        inherits: &[],
    },
];

/// The product serving an API version.
pub fn product_by_version(version: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.version == version)
}

/// A product by name or endpoint code, any case (`Ecs`, `ecs`, `resourcesharing`).
pub fn product_by_name(name: &str) -> Option<&'static Product> {
    PRODUCTS
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name) || p.code.eq_ignore_ascii_case(name))
}

/// The region named by a Host of the form `<code>.<region>.aliyuncs.com` or
/// `<code>-<region>.aliyuncs.com`.
pub fn region_from_host(host: &str) -> Option<&str> {
    let host = host.split(':').next()?;
    let stem = host.strip_suffix(".aliyuncs.com")?;
    match stem.split_once('.') {
        Some((_, region)) if !region.contains('.') => Some(region),
        Some(_) => None,
        None => {
            let (_, region) = stem.split_once('-')?;
            crate::regions::find(region).map(|r| r.id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_regions() {
        let ecs = product_by_version("2014-05-26").unwrap();
        assert_eq!(ecs.host("cn-hangzhou"), "ecs-cn-hangzhou.aliyuncs.com");
        assert_eq!(ecs.host("cn-shanghai"), "ecs.cn-shanghai.aliyuncs.com");
        let rm = product_by_name("resourcemanager").unwrap();
        assert_eq!(rm.host("cn-shanghai"), "resourcemanager.aliyuncs.com");
        assert_eq!(
            region_from_host("ecs.cn-shanghai.aliyuncs.com"),
            Some("cn-shanghai")
        );
        assert_eq!(
            region_from_host("ecs-cn-hangzhou.aliyuncs.com:443"),
            Some("cn-hangzhou")
        );
        assert_eq!(region_from_host("resourcemanager.aliyuncs.com"), None);
        assert_eq!(region_from_host("127.0.0.1:4590"), None);
    }

    #[test]
    fn wildcards_match_prefixes_suffixes_and_middles() {
        assert!(wildcard("SshKey", "SshKey"));
        assert!(!wildcard("SshKey", "SshKey1"));
        assert!(wildcard("*SshKey", "mySshKey"));
        assert!(wildcard("*SshKey", "SshKey"));
        assert!(wildcard("SshKey*", "SshKey-2"));
        assert!(wildcard("*SshKey*", "a-SshKey-b"));
        assert!(wildcard("a*b*c", "a-b-c"));
        assert!(!wildcard("a*b*c", "a-c-b"));
        assert!(!wildcard("ab*ba", "aba"));
        assert!(!wildcard("a*x", "a\u{e9}"));
        assert!(wildcard("\u{e9}*\u{e9}", "\u{e9}-\u{e9}"));
        assert!(!wildcard("\u{e9}*\u{e9}", "\u{e9}"));
    }
}
