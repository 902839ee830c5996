//! HTTP: the hyper service, the accept loop with graceful shutdown, and [`MockServer`], the
//! library entry point (docs/rust.md).
//!
//! One port serves plain HTTP, TLS (a connection whose first byte starts a TLS handshake)
//! and proxy requests (absolute-form requests and `CONNECT` tunnels, answered by the mock
//! itself: docs/proxy.md). The service only collects the (size-limited) body and hands the
//! request to `App::handle` or `control::api::handle`; it knows no Alibaba rules.

mod client;
mod conn_io;
mod mock_server;
mod proxy;
mod tls;

pub(crate) use client::exchange;
pub use client::http_get_blocking;
pub use proxy::HostRules;
pub use tls::Authority;

pub use mock_server::{JournalView, MockServer, MockServerBuilder, Prepared, Snapshot, StartError};

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body as _, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

use crate::control::api;
use crate::error::ApiError;
use crate::pipeline::{App, HttpRequest, HttpResponse};

/// How long in-flight requests get to finish once shutdown starts (docs/cli.md).
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Serves `listener` until `shutdown` completes, then lets in-flight requests finish (at
/// most [`SHUTDOWN_GRACE`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl Future<Output = ()>,
) {
    let mut shutdown = std::pin::pin!(shutdown);
    let max = app.options.max_connections.clamp(1, u32::MAX as usize);
    let slots = Arc::new(tokio::sync::Semaphore::new(max));
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    loop {
        tokio::select! {
            accepted = accept(&listener, &slots) => {
                let (stream, permit) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let conn = Conn {
                    app: app.clone(),
                    local_port: stream.local_addr().map(|a| a.port()).unwrap_or(0),
                    stop: stop.clone(),
                    _slot: Arc::new(permit),
                };
                tokio::spawn(serve_connection(stream, conn));
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection (and proxy tunnel) holds a slot until it ends.
    tokio::select! {
        _ = slots.acquire_many(max as u32) => {}
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("shutdown grace period over; dropping open connections");
        }
    }
}

/// What every request of a connection needs besides itself.
#[derive(Clone)]
struct Conn {
    app: Arc<App>,
    /// The port the client reached: a proxy request for the mock itself names it.
    local_port: u16,
    /// Turns true when shutdown starts: connections finish their request and close.
    stop: tokio::sync::watch::Receiver<bool>,
    /// The connection's place among `max_connections`, shared with its proxy tunnels.
    _slot: Arc<tokio::sync::OwnedSemaphorePermit>,
}

/// The first byte of a TLS handshake record.
const TLS_HANDSHAKE: u8 = 0x16;

/// One accepted connection: TLS if its first byte starts a handshake, else plain HTTP.
async fn serve_connection(stream: tokio::net::TcpStream, conn: Conn) {
    let mut first = [0u8; 1];
    let timeout = conn.app.options.header_timeout;
    match tokio::time::timeout(timeout, stream.peek(&mut first)).await {
        Ok(Ok(1)) if first[0] == TLS_HANDSHAKE => {
            if let Some(tls) = tls_accept(&conn.app, stream).await {
                http_over(tls, conn).await;
            }
        }
        Ok(Ok(1)) => http_over(stream, conn).await,
        // Closed, broken, or silent past the header timeout.
        _ => {}
    }
}

/// The TLS handshake on `io`, within the header timeout.
async fn tls_accept<S: conn_io::Transport>(
    app: &App,
    io: S,
) -> Option<tokio_rustls::server::TlsStream<S>> {
    let config = match app.options.tls.config() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "no TLS configuration");
            return None;
        }
    };
    let accept = tokio_rustls::TlsAcceptor::from(config).accept(io);
    match tokio::time::timeout(app.options.header_timeout, accept).await {
        Ok(Ok(tls)) => Some(tls),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "TLS handshake failed");
            None
        }
        Err(_) => None,
    }
}

/// Serves HTTP/1.1 on a connection's stream until it closes, or until shutdown lets its
/// request in flight finish.
async fn http_over<S: conn_io::Transport>(io: S, conn: Conn) {
    let app = conn.app.clone();
    let mut stop = conn.stop.clone();
    let marks = conn_io::MarkSlot::default();
    let io = conn_io::ConnIo::new(io, marks.clone(), app.clone());
    let service = service_fn(move |req| respond(conn.clone(), marks.clone(), req));
    let http = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(app.options.header_timeout)
        .serve_connection(TokioIo::new(io), service)
        .with_upgrades();
    let mut http = std::pin::pin!(http);
    let ended = tokio::select! {
        ended = http.as_mut() => ended,
        _ = async { stop.wait_for(|s| *s).await.is_ok() } => {
            http.as_mut().graceful_shutdown();
            http.await
        }
    };
    if let Err(e) = ended {
        tracing::debug!(error = %e, "connection ended with an error");
    }
}

/// The next connection, once fewer than `max_connections` are open.
async fn accept(
    listener: &tokio::net::TcpListener,
    slots: &Arc<tokio::sync::Semaphore>,
) -> std::io::Result<(tokio::net::TcpStream, tokio::sync::OwnedSemaphorePermit)> {
    let permit = slots
        .clone()
        .acquire_owned()
        .await
        .map_err(std::io::Error::other)?;
    let (stream, _) = listener.accept().await?;
    Ok((stream, permit))
}

async fn respond(
    conn: Conn,
    marks: conn_io::MarkSlot,
    mut req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if req.method() == hyper::Method::CONNECT {
        return Ok(connect(conn, req));
    }
    let app = conn.app;
    // An absolute-form request (the client's proxy is the mock): its host stands for the
    // Host header, as HTTP/1.1 says.
    if let Some(authority) = req.uri().authority().cloned() {
        let (host, port) = proxy::split_authority(authority.as_str());
        if !answers_for(&app, host, port, conn.local_port) {
            return Ok(refuse(host));
        }
        if let Ok(v) = hyper::header::HeaderValue::from_str(authority.as_str()) {
            req.headers_mut().insert(hyper::header::HOST, v);
        }
    }
    let (parts, body) = req.into_parts();
    // A request without a body (a GET, `Content-Length: 0`) has nothing to wait for: no
    // timer is armed for it.
    let body = if body.is_end_stream() {
        Bytes::new()
    } else {
        match read_body(&app, body).await {
            Ok(b) => b,
            Err(answer) => return Ok(answer),
        }
    };
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let request = HttpRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers,
        body,
    };
    let response = match api::route(&request.path) {
        Some(route) => api::handle(&app, route, &request),
        None => app.handle(request),
    };
    if response.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(response.delay_ms)).await;
    }
    {
        let mut marks = marks.lock().unwrap_or_else(|e| e.into_inner());
        marks.fault = response.fault;
        marks.last_answer_empty_error = response.status >= 400 && response.body.is_empty();
    }
    Ok(to_hyper(response))
}

/// Whether the mock answers a proxy request for `host`: an Alibaba endpoint, a
/// `--proxy-allow` host, or the mock itself (a loopback name with the mock's port).
fn answers_for(app: &App, host: &str, port: Option<u16>, local_port: u16) -> bool {
    app.options.proxy_hosts.allows(host) || (proxy::is_loopback(host) && port == Some(local_port))
}

fn refuse(host: &str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(proxy::refusal(host))));
    *r.status_mut() = hyper::StatusCode::FORBIDDEN;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// `CONNECT host:port`: for a host the mock answers for, `200` and then TLS with a
/// certificate for the host and HTTP inside the tunnel, served by the mock itself.
fn connect(conn: Conn, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let authority = req
        .uri()
        .authority()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let (host, port) = proxy::split_authority(&authority);
    if !answers_for(&conn.app, host, port, conn.local_port) {
        tracing::info!(host, "CONNECT refused");
        // The client asked for a tunnel it will not get: the connection has no further use.
        let mut r = refuse(host);
        r.headers_mut().insert(
            hyper::header::CONNECTION,
            hyper::header::HeaderValue::from_static("close"),
        );
        return r;
    }
    tokio::spawn(async move {
        match hyper::upgrade::on(req).await {
            Ok(upgraded) => {
                let io = TokioIo::new(upgraded);
                if let Some(tls) = tls_accept(&conn.app, io).await {
                    http_over(tls, conn).await;
                }
            }
            Err(e) => tracing::debug!(error = %e, "CONNECT upgrade failed"),
        }
    });
    Response::new(Full::new(Bytes::new()))
}

/// The whole body, within the body timeout and size limit; the error answer otherwise.
async fn read_body(app: &App, body: Incoming) -> Result<Bytes, Response<Full<Bytes>>> {
    let collect = Limited::new(body, app.body_limit).collect();
    match tokio::time::timeout(app.options.body_timeout, collect).await {
        Err(_) => Err(to_hyper(app.body_too_slow())),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                return Err(to_hyper(app.body_too_large()));
            }
            // A broken chunk, or the client went away mid-body.
            Err(to_hyper(app.transport_error(&ApiError::BadRequest)))
        }
    }
}

fn to_hyper(r: HttpResponse) -> Response<Full<Bytes>> {
    let mut b = Response::builder().status(r.status);
    if !r.content_type.is_empty() {
        b = b.header(
            hyper::header::CONTENT_TYPE,
            hyper::header::HeaderValue::from_static(r.content_type),
        );
    }
    for (k, v) in &r.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Full::new(r.body)).unwrap_or_else(|_| {
        // A stub header that is not valid HTTP: answer 500 rather than drop the request.
        let mut resp = Response::new(Full::new(Bytes::from_static(
            b"invalid stub response header",
        )));
        *resp.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        resp
    })
}
