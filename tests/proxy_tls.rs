//! One port, four ways in (docs/proxy.md): plain HTTP, TLS sent straight to the port, proxy
//! requests in absolute form, and `CONNECT` tunnels with TLS interception. The mock answers
//! for Alibaba endpoints, `--proxy-allow` hosts and itself, and refuses every other host.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use alicloud_mock::MockServer;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use support::*;

fn client_config(ca_pem: &str) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(ca_pem.as_bytes()).unwrap())
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// Status and body of an HTTP/1.1 answer read to the end (the request asked to close).
fn parse(raw: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(raw);
    let status = text[9..12].parse().unwrap();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, body.to_string())
}

/// Sends `request` over TLS on `tcp`, verifying the certificate for `name`.
fn over_tls(tcp: TcpStream, name: &str, ca_pem: &str, request: &str) -> (u16, String) {
    let server_name = ServerName::try_from(name.to_string()).unwrap();
    let conn = rustls::ClientConnection::new(client_config(ca_pem), server_name).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    tls.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    // A close without close_notify is an error to rustls; what was read is kept.
    let _ = tls.read_to_end(&mut raw);
    parse(&raw)
}

fn connect(addr: SocketAddr) -> TcpStream {
    let tcp = TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    tcp
}

/// Opens a proxy tunnel; answers the proxy's status line and the stream.
fn tunnel(addr: SocketAddr, target: &str) -> (String, TcpStream) {
    let mut tcp = connect(addr);
    write!(tcp, "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n").unwrap();
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if tcp.read(&mut b).unwrap() == 0 {
            break;
        }
        head.push(b[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    (head.lines().next().unwrap_or("").to_string(), tcp)
}

/// A signed DescribeRegions as an RPC GET, addressed to `host`.
fn describe_regions(host: &str, target_prefix: &str) -> String {
    let p = rpc_params("GET", "DescribeRegions", "2014-05-26", OWNER_KEY, &[]);
    format!(
        "GET {target_prefix}/?{} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
        form(&p)
    )
}

fn plain(addr: SocketAddr, request: &str) -> (u16, String) {
    let mut tcp = connect(addr);
    tcp.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    tcp.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

#[test]
fn tls_sent_straight_to_the_port_is_served_beside_plain_http() {
    let s = MockServer::builder().start_blocking().unwrap();
    let ca = s.ca_pem().unwrap();
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));
    let health = "GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    // By IP (no server name sent) and by name.
    let (status, body) = over_tls(connect(s.address()), "127.0.0.1", &ca, health);
    assert_eq!((status, body.contains("\"ok\"")), (200, true), "{body}");
    let (status, _) = over_tls(connect(s.address()), "localhost", &ca, health);
    assert_eq!(status, 200);
    // A signed API call over TLS; the same port still speaks plain HTTP.
    let (status, body) = over_tls(
        connect(s.address()),
        "localhost",
        &ca,
        &describe_regions("localhost", ""),
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("cn-hangzhou"));
    let (status, _) = plain(s.address(), &describe_regions("127.0.0.1", ""));
    assert_eq!(status, 200);
    // The CA is served without an admin token.
    let (status, pem) = plain(
        s.address(),
        "GET /_mock/ca.pem HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((status, pem), (200, ca));
}

#[test]
fn a_connect_tunnel_is_answered_as_the_alibaba_host_it_names() {
    let s = MockServer::builder().start_blocking().unwrap();
    let ca = s.ca_pem().unwrap();
    let (line, tcp) = tunnel(s.address(), "ecs.cn-shanghai.aliyuncs.com:443");
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    // The certificate is for the host the client asked for, signed by the mock's CA.
    let (status, body) = over_tls(
        tcp,
        "ecs.cn-shanghai.aliyuncs.com",
        &ca,
        &describe_regions("ecs.cn-shanghai.aliyuncs.com", ""),
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"RegionId\":\"cn-hangzhou\""));
    // Errors name the host the client reached.
    let (line, tcp) = tunnel(s.address(), "ecs.cn-shanghai.aliyuncs.com:443");
    assert!(line.starts_with("HTTP/1.1 200"));
    let (status, body) = over_tls(
        tcp,
        "ecs.cn-shanghai.aliyuncs.com",
        &ca,
        "GET /?Action=DescribeImages&Version=2014-05-26 HTTP/1.1\r\nHost: ecs.cn-shanghai.aliyuncs.com\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 400);
    assert!(
        body.contains("\"HostId\":\"ecs.cn-shanghai.aliyuncs.com\""),
        "{body}"
    );
    // The call went through the one pipeline: it is in the journal.
    assert!(s.journal().count("DescribeRegions") >= 1);
}

#[test]
fn absolute_form_requests_are_answered_and_other_hosts_refused() {
    let s = MockServer::builder().start_blocking().unwrap();
    let a = s.address();
    let (status, body) = plain(
        a,
        &describe_regions(
            "ecs-cn-hangzhou.aliyuncs.com",
            "http://ecs-cn-hangzhou.aliyuncs.com",
        ),
    );
    assert_eq!(status, 200, "{body}");
    // The mock itself, addressed as a proxy target.
    let (status, _) = plain(
        a,
        &format!(
            "GET http://127.0.0.1:{port}/_mock/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n",
            port = a.port()
        ),
    );
    assert_eq!(status, 200);
    // Anything else: 403 with a body that says why; nothing is forwarded.
    for target in [
        "http://example.com/",
        "http://aliyuncs.com.evil.example/",
        "http://127.0.0.1:1/",
    ] {
        let (status, body) = plain(
            a,
            &format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status, 403, "{target}");
        assert!(body.contains("not an open proxy"), "{body}");
    }
    for target in ["example.com:443", "127.0.0.1:22", "evilaliyuncs.com:443"] {
        let (line, mut tcp) = tunnel(a, target);
        assert!(line.starts_with("HTTP/1.1 403"), "{target}: {line}");
        let mut rest = String::new();
        let _ = tcp.read_to_string(&mut rest);
        assert!(rest.contains("not an open proxy"), "{rest}");
    }
    assert_eq!(s.journal().count("DescribeRegions"), 1);
}

#[test]
fn a_given_ca_signs_and_proxy_allow_adds_hosts() {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "team CA");
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    let s = MockServer::builder()
        .ca_pem(cert.pem(), key.serialize_pem())
        .proxy_allow(["api.internal.example", "*.corp.example"])
        .start_blocking()
        .unwrap();
    assert_eq!(s.ca_pem().unwrap(), cert.pem());
    for host in ["api.internal.example", "images.corp.example"] {
        let (line, tcp) = tunnel(s.address(), &format!("{host}:443"));
        assert!(line.starts_with("HTTP/1.1 200"), "{host}: {line}");
        let (status, body) = over_tls(tcp, host, &cert.pem(), &describe_regions(host, ""));
        assert_eq!(status, 200, "{body}");
    }
    let (line, _) = tunnel(s.address(), "other.example:443");
    assert!(line.starts_with("HTTP/1.1 403"));

    // Unusable files or hosts stop the start.
    let bad = MockServer::builder()
        .ca_pem("not a certificate", key.serialize_pem())
        .start_blocking();
    assert!(matches!(
        bad,
        Err(alicloud_mock::server::StartError::Tls(_))
    ));
    let bad = MockServer::builder()
        .proxy_allow(["bad host"])
        .start_blocking();
    assert!(matches!(
        bad,
        Err(alicloud_mock::server::StartError::Tls(_))
    ));
}

#[test]
fn location_describe_endpoints_names_the_mock_s_host() {
    let s = MockServer::builder().start_blocking().unwrap();
    let c = Client::new(&s, OWNER_KEY);
    let v = c
        .call("2015-06-12", "DescribeEndpoints")
        .p("Id", "cn-shanghai")
        .p("ServiceCode", "ecs")
        .p("Type", "openAPI")
        .ok();
    assert_eq!(v["Success"], true);
    let e = &v["Endpoints"]["Endpoint"][0];
    assert_eq!(e["Endpoint"], "ecs.cn-shanghai.aliyuncs.com");
    assert_eq!(e["SerivceCode"], "ecs");
    assert_eq!(e["Id"], "cn-shanghai");
    assert_eq!(e["Protocols"]["Protocols"][0], "HTTP");
    let v = c
        .call("2015-06-12", "DescribeEndpoints")
        .p("Id", "cn-hangzhou")
        .p("ServiceCode", "ecs")
        .ok();
    assert_eq!(
        v["Endpoints"]["Endpoint"][0]["Endpoint"],
        "ecs-cn-hangzhou.aliyuncs.com"
    );
    // A product the mock does not serve, or an unknown region: no endpoint (the SDK then
    // uses its own table).
    for (id, code) in [("cn-hangzhou", "rds"), ("xx-nowhere-1", "ecs")] {
        let v = c
            .call("2015-06-12", "DescribeEndpoints")
            .p("Id", id)
            .p("ServiceCode", code)
            .ok();
        assert_eq!(v["Endpoints"]["Endpoint"], serde_json::json!([]));
    }
    c.call("2015-06-12", "DescribeEndpoints")
        .p("Id", "cn-hangzhou")
        .err(
            400,
            "MissingParameter",
            "The input parameter \"ServiceCode\" that is mandatory for processing this request is not supplied.",
        );
}
