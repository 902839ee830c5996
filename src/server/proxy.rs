//! Proxy requests on the API port (docs/proxy.md): which target hosts the mock answers for.
//!
//! A client whose `HTTP_PROXY`/`HTTPS_PROXY` points at the mock sends absolute-form requests
//! (`POST http://ecs-cn-hangzhou.aliyuncs.com/?...`) and `CONNECT host:443`. The mock answers
//! them itself when the host is an Alibaba Cloud endpoint (`aliyuncs.com` and every name
//! under it), a host given with `--proxy-allow`, or the mock's own address; every other
//! host is refused with 403 and a body that says why. Nothing is ever forwarded.

use std::sync::Arc;

/// Longest DNS name (RFC 1035).
const MAX_NAME: usize = 253;

/// The hosts the mock answers proxy requests for, beyond the Alibaba endpoints.
#[derive(Debug, Clone, Default)]
pub struct HostRules {
    /// Exact names, or `*.suffix` for every name under `suffix`; lower case.
    extra: Arc<[String]>,
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

impl HostRules {
    /// Rules from `--proxy-allow` values: host names or `*.suffix` patterns.
    pub fn new(extra: &[String]) -> Result<HostRules, String> {
        let mut out = Vec::with_capacity(extra.len());
        for raw in extra {
            let p = raw.trim().to_ascii_lowercase();
            let name = p.strip_prefix("*.").unwrap_or(&p);
            if !valid_name(name) {
                return Err(format!(
                    "--proxy-allow {raw:?}: expected a host name or *.suffix"
                ));
            }
            out.push(p);
        }
        Ok(HostRules { extra: out.into() })
    }

    /// Whether the mock answers for `host` (a name, no port).
    pub fn allows(&self, host: &str) -> bool {
        let h = host.trim_end_matches('.').to_ascii_lowercase();
        if !valid_name(&h) {
            return false;
        }
        if h == "aliyuncs.com" || h.ends_with(".aliyuncs.com") {
            return true;
        }
        self.extra.iter().any(|p| match p.strip_prefix("*.") {
            Some(suffix) => h.len() > suffix.len() + 1 && h.ends_with(&format!(".{suffix}")),
            None => *p == h,
        })
    }
}

/// Splits `host:port` (or `[v6]:port`) into the host and the port, if any.
pub fn split_authority(authority: &str) -> (&str, Option<u16>) {
    if let Some(rest) = authority.strip_prefix('[') {
        if let Some((host, tail)) = rest.split_once(']') {
            return (host, tail.strip_prefix(':').and_then(|p| p.parse().ok()));
        }
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, port.parse().ok()),
        _ => (authority, None),
    }
}

/// Whether `host` names this machine's loopback interface.
pub fn is_loopback(host: &str) -> bool {
    matches!(
        host.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1"
    )
}

/// The body of a refused proxy request.
pub fn refusal(host: &str) -> String {
    let shown: String = host
        .chars()
        .take(MAX_NAME)
        .filter(|c| !c.is_control())
        .collect();
    format!(
        "alicloud-mock is not an open proxy: it answers only for Alibaba Cloud endpoints \
         (*.aliyuncs.com), hosts given with --proxy-allow, and itself; {shown:?} is none of \
         these, so nothing was sent anywhere.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alibaba_hosts_and_the_extra_list() {
        let r = HostRules::new(&["internal.example".into(), "*.corp.example".into()]).unwrap();
        for h in [
            "ecs-cn-hangzhou.aliyuncs.com",
            "ecs.cn-shanghai.aliyuncs.com",
            "location-readonly.aliyuncs.com",
            "ECS.ALIYUNCS.COM.",
            "internal.example",
            "api.corp.example",
        ] {
            assert!(r.allows(h), "{h}");
        }
        for h in [
            "example.com",
            "aliyuncs.com.evil.example",
            "evilaliyuncs.com",
            "corp.example",
            "",
            "a b.aliyuncs.com",
        ] {
            assert!(!r.allows(h), "{h}");
        }
        assert!(HostRules::new(&["bad host".into()]).is_err());
    }

    #[test]
    fn authorities() {
        assert_eq!(
            split_authority("ecs.aliyuncs.com:443"),
            ("ecs.aliyuncs.com", Some(443))
        );
        assert_eq!(
            split_authority("ecs.aliyuncs.com"),
            ("ecs.aliyuncs.com", None)
        );
        assert_eq!(split_authority("[::1]:4590"), ("::1", Some(4590)));
        assert_eq!(split_authority("::1"), ("::1", None));
    }
}
