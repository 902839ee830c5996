//! HTTP: the hyper service, the accept loop with graceful shutdown, and [`MockServer`], the
//! library entry point (docs/rust.md).
//!
//! The service only collects the (size-limited) body and hands the request to
//! `App::handle` or `control::api::handle`; it knows no Alibaba rules.

mod client;
mod conn_io;
mod mock_server;

pub use client::http_get_blocking;

pub use mock_server::{JournalView, MockServer, MockServerBuilder, Prepared, Snapshot, StartError};

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;

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
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let slots = Arc::new(tokio::sync::Semaphore::new(
        app.options.max_connections.max(1),
    ));
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
                let header_timeout = app.options.header_timeout;
                let app = app.clone();
                let marks = conn_io::MarkSlot::default();
                let io = conn_io::ConnIo::new(stream, marks.clone(), app.clone());
                let service = service_fn(move |req| respond(app.clone(), marks.clone(), req));
                let conn = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .serve_connection(TokioIo::new(io), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    if let Err(e) = conn.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                    drop(permit);
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("shutdown grace period over; dropping open connections");
        }
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
    app: Arc<App>,
    marks: conn_io::MarkSlot,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let collect = Limited::new(body, app.body_limit).collect();
    let body = match tokio::time::timeout(app.options.body_timeout, collect).await {
        Err(_) => return Ok(to_hyper(app.body_too_slow())),
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                return Ok(to_hyper(app.body_too_large()));
            }
            // A broken chunk, or the client went away mid-body.
            return Ok(to_hyper(app.transport_error(&ApiError::BadRequest)));
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

fn to_hyper(r: HttpResponse) -> Response<Full<Bytes>> {
    let mut b = Response::builder().status(r.status);
    if !r.content_type.is_empty() {
        b = b.header("content-type", r.content_type);
    }
    for (k, v) in &r.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Full::new(Bytes::from(r.body))).unwrap_or_else(|_| {
        // A stub header that is not valid HTTP: answer 500 rather than drop the request.
        let mut resp = Response::new(Full::new(Bytes::from_static(
            b"invalid stub response header",
        )));
        *resp.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        resp
    })
}
