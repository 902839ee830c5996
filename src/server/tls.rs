//! TLS on the API port (docs/proxy.md): the mock's certificate authority and the server
//! certificates it signs, one per host name a client asks for.
//!
//! The CA is generated on first use (a P-256 key: well under a millisecond), or loaded from
//! `--ca-cert`/`--ca-key` at start. A ClientHello's server name picks the certificate: an
//! Alibaba endpoint (`*.aliyuncs.com`), a `--proxy-allow` host or `localhost` gets one for
//! exactly that name; anything else, or no name (a client connecting to an IP address),
//! gets the default certificate for `localhost`, `127.0.0.1`, `::1`, `aliyuncs.com` and
//! `*.aliyuncs.com`. Certificates are cached, at most [`MAX_CACHED`] names.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::ServerConfig;

use super::proxy::HostRules;

/// Host certificates kept at once; the cache starts over when full.
pub const MAX_CACHED: usize = 256;

/// Names in the default certificate.
const DEFAULT_NAMES: &[&str] = &[
    "localhost",
    "127.0.0.1",
    "::1",
    "aliyuncs.com",
    "*.aliyuncs.com",
];

/// Where the CA comes from.
enum Source {
    Generate,
    /// `--ca-cert` and `--ca-key`, as PEM text (checked at start).
    Files {
        cert: String,
        key: String,
    },
}

/// The CA and the TLS server configuration built on it, made on first use.
pub struct Authority {
    source: Source,
    hosts: HostRules,
    ready: OnceLock<Result<Ready, String>>,
}

struct Ready {
    ca_pem: String,
    config: Arc<ServerConfig>,
}

impl fmt::Debug for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authority")
            .field("loaded", &matches!(self.source, Source::Files { .. }))
            .finish()
    }
}

impl Authority {
    /// A CA generated on first use.
    pub fn generated(hosts: HostRules) -> Authority {
        Authority {
            source: Source::Generate,
            hosts,
            ready: OnceLock::new(),
        }
    }

    /// A CA from PEM files; both are checked now, so a bad file stops the start.
    pub fn from_pem(cert: String, key: String, hosts: HostRules) -> Result<Authority, String> {
        let a = Authority {
            source: Source::Files { cert, key },
            hosts,
            ready: OnceLock::new(),
        };
        a.ready()?;
        Ok(a)
    }

    fn ready(&self) -> Result<&Ready, String> {
        self.ready
            .get_or_init(|| self.build())
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The CA certificate, PEM.
    pub fn ca_pem(&self) -> Result<&str, String> {
        self.ready().map(|r| r.ca_pem.as_str())
    }

    /// The TLS server configuration for the port and for proxy tunnels.
    pub fn config(&self) -> Result<Arc<ServerConfig>, String> {
        self.ready().map(|r| r.config.clone())
    }

    fn build(&self) -> Result<Ready, String> {
        let (issuer, ca_pem, ca_der) = match &self.source {
            Source::Generate => {
                let mut params =
                    CertificateParams::new(Vec::<String>::new()).map_err(|e| e.to_string())?;
                let mut dn = DistinguishedName::new();
                dn.push(DnType::CommonName, "alicloud-mock CA");
                dn.push(DnType::OrganizationName, "alicloud-mock");
                params.distinguished_name = dn;
                params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
                params.key_usages = vec![
                    KeyUsagePurpose::KeyCertSign,
                    KeyUsagePurpose::CrlSign,
                    KeyUsagePurpose::DigitalSignature,
                ];
                let key = KeyPair::generate().map_err(|e| e.to_string())?;
                let cert = params.self_signed(&key).map_err(|e| e.to_string())?;
                (Issuer::new(params, key), cert.pem(), cert.der().clone())
            }
            Source::Files { cert, key } => {
                let key = KeyPair::from_pem(key).map_err(|e| format!("--ca-key: {e}"))?;
                let der = CertificateDer::from_pem_slice(cert.as_bytes())
                    .map_err(|_| "--ca-cert: no PEM certificate")?;
                let issuer =
                    Issuer::from_ca_cert_der(&der, key).map_err(|e| format!("--ca-cert: {e}"))?;
                (issuer, cert.clone(), der)
            }
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let signer = Signer {
            issuer,
            ca_der,
            provider: provider.clone(),
            hosts: self.hosts.clone(),
            cache: Mutex::new(HashMap::new()),
        };
        let default = signer
            .sign(DEFAULT_NAMES)
            .map_err(|e| format!("cannot make the default certificate: {e}"))?;
        let resolver = Resolver {
            signer,
            default: Arc::new(default),
        };
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(resolver));
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Ready {
            ca_pem,
            config: Arc::new(config),
        })
    }
}

struct Signer {
    issuer: Issuer<'static, KeyPair>,
    ca_der: CertificateDer<'static>,
    provider: Arc<CryptoProvider>,
    hosts: HostRules,
    cache: Mutex<HashMap<String, Arc<CertifiedKey>>>,
}

impl Signer {
    /// A server certificate for `names`, signed by the CA, with the CA in its chain.
    fn sign(&self, names: &[&str]) -> Result<CertifiedKey, String> {
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .map_err(|e| e.to_string())?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, names[0]);
        params.distinguished_name = dn;
        params.is_ca = IsCa::NoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        let key = KeyPair::generate().map_err(|e| e.to_string())?;
        let cert = params
            .signed_by(&key, &self.issuer)
            .map_err(|e| e.to_string())?;
        let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let signing = self
            .provider
            .key_provider
            .load_private_key(private)
            .map_err(|e| e.to_string())?;
        Ok(CertifiedKey::new(
            vec![cert.der().clone(), self.ca_der.clone()],
            signing,
        ))
    }

    /// The cached certificate for one host name, made if needed.
    fn for_host(&self, name: &str) -> Option<Arc<CertifiedKey>> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = cache.get(name) {
            return Some(k.clone());
        }
        let made = Arc::new(self.sign(&[name]).ok()?);
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(name.to_string(), made.clone());
        Some(made)
    }
}

struct Resolver {
    signer: Signer,
    default: Arc<CertifiedKey>,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Resolver")
    }
}

impl ResolvesServerCert for Resolver {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        match hello.server_name() {
            Some(name) if name == "localhost" || self.signer.hosts.allows(name) => self
                .signer
                .for_host(&name.to_ascii_lowercase())
                .or_else(|| Some(self.default.clone())),
            _ => Some(self.default.clone()),
        }
    }
}
