//! The connection's stream, wrapped so the mock decides what reaches the wire where hyper
//! alone would not:
//!
//! - **WireMock's connection faults.** To send nothing, garbage or a broken chunk, the
//!   service marks a fault for the response it is writing; the wrapper writes the fault's
//!   bytes (if any) in place of hyper's and then fails the write, so hyper drops the
//!   connection. Over TLS the bytes are encrypted first; inside a proxy tunnel nothing can
//!   be written outside hyper's flow, so a fault there only drops the connection (and a
//!   reset closes it normally).
//! - **hyper's own error answers.** A request hyper cannot parse (bad framing, a URI over
//!   its 64 KiB limit, more than 100 headers or headers over its buffer) never reaches the
//!   service: hyper answers `400`, `414` or `431` with an empty body and closes. The wrapper
//!   recognises that exact answer and writes the same status with the mock's error body
//!   (code and message from `error.rs`), so every answer a client gets carries a code.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::control::stubs::Fault;
use crate::error::ApiError;
use crate::pipeline::App;

/// What the service tells the stream of the same connection about the answer it produced.
#[derive(Default)]
pub struct Marks {
    /// The fault to play on the next write.
    pub fault: Option<Fault>,
    /// The service's last answer was an empty-bodied 4xx/5xx (a stub can answer that): an
    /// empty error answer written next may be the service's own, so it is left alone.
    pub last_answer_empty_error: bool,
}

/// [`Marks`], shared by a connection's service and its stream.
pub type MarkSlot = Arc<Mutex<Marks>>;

/// What a connection's stream can do beyond reading and writing: a plain socket, TLS over
/// one, or TLS inside a proxy tunnel.
pub trait Transport: AsyncRead + AsyncWrite + Unpin + Send + 'static {
    /// Makes closing the connection send RST instead of FIN, where the transport can.
    fn reset_on_close(&self) {}
    /// Writes what it can of `bytes` at once, without waiting; returns how much went.
    fn write_now(&mut self, bytes: &[u8]) -> usize;
}

impl Transport for TcpStream {
    fn reset_on_close(&self) {
        let _ = socket_ref(self).set_linger(Some(std::time::Duration::ZERO));
    }

    fn write_now(&mut self, bytes: &[u8]) -> usize {
        self.try_write(bytes).unwrap_or(0)
    }
}

/// TLS: the bytes are encrypted and pushed through the stream below, best effort.
impl<S: Transport> Transport for tokio_rustls::server::TlsStream<S> {
    fn reset_on_close(&self) {
        self.get_ref().0.reset_on_close();
    }

    fn write_now(&mut self, bytes: &[u8]) -> usize {
        use std::io::Write;
        struct Now<'a, S: Transport>(&'a mut S);
        impl<S: Transport> Write for Now<'_, S> {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                match self.0.write_now(b) {
                    0 => Err(io::ErrorKind::WouldBlock.into()),
                    n => Ok(n),
                }
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (io, conn) = self.get_mut();
        let n = conn.writer().write(bytes).unwrap_or(0);
        while conn.wants_write() {
            if conn.write_tls(&mut Now(io)).is_err() {
                break;
            }
        }
        n
    }
}

/// A proxy tunnel's upgraded connection: nothing can be written outside hyper's own flow.
impl Transport for hyper_util::rt::TokioIo<hyper::upgrade::Upgraded> {
    fn write_now(&mut self, _bytes: &[u8]) -> usize {
        0
    }
}

pub struct ConnIo<S> {
    pub inner: S,
    pub marks: MarkSlot,
    pub app: Arc<App>,
    /// A rewritten answer being written, and how much of it is out.
    rewrite: Option<(Vec<u8>, usize)>,
}

impl<S: Transport> ConnIo<S> {
    pub fn new(inner: S, marks: MarkSlot, app: Arc<App>) -> Self {
        ConnIo {
            inner,
            marks,
            app,
            rewrite: None,
        }
    }
}

impl<S: Transport> ConnIo<S> {
    /// The mock's answer in place of hyper's empty one: same status line and date, the
    /// error body of `error.rs`, and `connection: close` as hyper closes the connection.
    fn rewritten(&self, found: &HyperAnswer, buf: &[u8]) -> Vec<u8> {
        let status_line = &buf[..found.status_line_end];
        let date_line = &buf[found.date_line.0..found.date_line.1];
        let answer = self.app.transport_error(&found.error);
        let mut out = Vec::with_capacity(status_line.len() + answer.body.len() + 160);
        out.extend_from_slice(status_line);
        out.extend_from_slice(b"\r\ncontent-type: ");
        out.extend_from_slice(answer.content_type.as_bytes());
        out.extend_from_slice(b"\r\ncontent-length: ");
        out.extend_from_slice(answer.body.len().to_string().as_bytes());
        out.extend_from_slice(b"\r\nconnection: close\r\n");
        out.extend_from_slice(date_line);
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(&answer.body);
        out
    }

    /// Plays a connection fault: its bytes (if any) in place of hyper's, then the error that
    /// makes hyper drop the connection.
    fn play(&mut self, f: Fault) -> io::Error {
        let bytes: Vec<u8> = match f {
            Fault::ConnectionResetByPeer => {
                self.inner.reset_on_close();
                Vec::new()
            }
            Fault::EmptyResponse => Vec::new(),
            Fault::MalformedResponseChunk => {
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nlorem ipsum\r\n".to_vec()
            }
            Fault::RandomDataThenClose => {
                use rand::RngCore;
                let mut b = vec![0u8; 64];
                rand::rng().fill_bytes(&mut b);
                b
            }
        };
        if !bytes.is_empty() {
            self.inner.write_now(&bytes);
        }
        io::Error::new(io::ErrorKind::ConnectionAborted, "injected fault")
    }

    /// Writes the rest of the rewritten answer; reports hyper's `claimed` bytes written once
    /// all of it is out.
    fn poll_rewrite(&mut self, cx: &mut Context<'_>, claimed: usize) -> Poll<io::Result<usize>> {
        while let Some((bytes, done)) = self.rewrite.as_mut() {
            if *done == bytes.len() {
                self.rewrite = None;
                return Poll::Ready(Ok(claimed));
            }
            let n = match Pin::new(&mut self.inner).poll_write(cx, &bytes[*done..]) {
                Poll::Ready(Ok(0)) => {
                    self.rewrite = None;
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(e)) => {
                    self.rewrite = None;
                    return Poll::Ready(Err(e));
                }
                Poll::Pending => return Poll::Pending,
            };
            *done += n;
        }
        Poll::Ready(Ok(claimed))
    }
}

/// hyper's empty error answer found at the end of a write.
#[derive(Debug, PartialEq)]
struct HyperAnswer {
    /// Where the answer starts in the written bytes.
    start: usize,
    /// The end of its status line (exclusive, before `\r\n`).
    status_line_end: usize,
    /// Its `date:` line (without `\r\n`).
    date_line: (usize, usize),
    /// The error the mock answers instead.
    error: ApiError,
}

/// The header block hyper writes for an answer it makes itself, after the status line.
const HYPER_HEADERS: &[u8] = b"\r\nconnection: close\r\ncontent-length: 0\r\ndate: ";
/// `Sun, 29 Nov 2026 22:45:22 GMT`
const HTTP_DATE_LEN: usize = 29;
/// hyper's answer is the last thing written and always shorter than this.
const TAIL: usize = 160;

/// hyper's own answer to a request it could not parse, if `buf` ends with one: a status of
/// 400, 414 or 431 with exactly hyper's headers and no body.
fn hyper_error_answer(buf: &[u8]) -> Option<HyperAnswer> {
    const PREFIX: &[u8] = b"HTTP/1.1 ";
    if !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let from = buf.len().saturating_sub(TAIL);
    let start = from
        + buf[from..]
            .windows(PREFIX.len())
            .rposition(|w| w == PREFIX)?;
    let answer = &buf[start..];
    let status = std::str::from_utf8(answer.get(PREFIX.len()..PREFIX.len() + 3)?).ok()?;
    let error = match status {
        "400" => ApiError::BadRequest,
        "414" => ApiError::UriTooLong,
        "431" => ApiError::RequestHeaderFieldsTooLarge,
        _ => return None,
    };
    let status_line_len = answer.windows(2).position(|w| w == b"\r\n")?;
    let after_status = &answer[status_line_len..];
    let date_start = status_line_len + HYPER_HEADERS.len() - b"date: ".len();
    let date_end = status_line_len + HYPER_HEADERS.len() + HTTP_DATE_LEN;
    let well_formed = after_status.starts_with(HYPER_HEADERS)
        && answer.len() == date_end + 4
        && answer.ends_with(b"\r\n\r\n");
    well_formed.then_some(HyperAnswer {
        start,
        status_line_end: start + status_line_len,
        date_line: (start + date_start, start + date_end),
        error,
    })
}

impl<S: Transport> AsyncRead for ConnIo<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: Transport> AsyncWrite for ConnIo<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_vectored(cx, &[IoSlice::new(buf)])
    }

    /// Vectored, so hyper queues response bodies instead of copying them behind the head.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let total = bufs.iter().map(|b| b.len()).sum();
        if self.rewrite.is_some() {
            return self.poll_rewrite(cx, total);
        }
        let (fault, service_may_be_empty) = {
            let mut marks = self.marks.lock().unwrap_or_else(|e| e.into_inner());
            (marks.fault.take(), marks.last_answer_empty_error)
        };
        if let Some(f) = fault {
            return Poll::Ready(Err(self.play(f)));
        }
        // hyper's own answer is the last thing it writes, within one slice.
        let last = bufs.iter().rposition(|b| !b.is_empty());
        if let (false, Some(k)) = (service_may_be_empty, last) {
            if let Some(found) = hyper_error_answer(&bufs[k]) {
                if found.start == 0 && bufs[..k].iter().all(|b| b.is_empty()) {
                    let bytes = self.rewritten(&found, &bufs[k]);
                    self.rewrite = Some((bytes, 0));
                    return self.poll_rewrite(cx, total);
                }
                // Answers before it go out first; a later write starts at hyper's answer.
                let mut before = bufs[..k].to_vec();
                before.push(IoSlice::new(&bufs[k][..found.start]));
                return Pin::new(&mut self.inner).poll_write_vectored(cx, &before);
            }
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The socket options of a tokio stream, without taking it over.
fn socket_ref(s: &TcpStream) -> SockRef<'_> {
    SockRef(s)
}

struct SockRef<'a>(&'a TcpStream);

impl SockRef<'_> {
    #[allow(deprecated)]
    fn set_linger(&self, d: Option<std::time::Duration>) -> io::Result<()> {
        self.0.set_linger(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Sun, 29 Nov 2026 22:45:22 GMT";

    fn canned(status: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn recognises_each_hyper_error_answer() {
        for (status, error) in [
            ("400 Bad Request", ApiError::BadRequest),
            ("414 URI Too Long", ApiError::UriTooLong),
            (
                "431 Request Header Fields Too Large",
                ApiError::RequestHeaderFieldsTooLarge,
            ),
        ] {
            let buf = canned(status);
            let found = hyper_error_answer(&buf).expect(status);
            assert_eq!(found.error, error);
            assert_eq!(found.start, 0);
            assert_eq!(
                &buf[..found.status_line_end],
                format!("HTTP/1.1 {status}").as_bytes()
            );
            assert_eq!(
                &buf[found.date_line.0..found.date_line.1],
                format!("date: {DATE}").as_bytes()
            );
        }
    }

    #[test]
    fn finds_it_after_a_pipelined_answer() {
        let mut buf = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec();
        let at = buf.len();
        buf.extend_from_slice(&canned("400 Bad Request"));
        assert_eq!(hyper_error_answer(&buf).map(|f| f.start), Some(at));
    }

    #[test]
    fn leaves_other_answers_alone() {
        let mut with_body = canned("400 Bad Request");
        with_body.extend_from_slice(b"x");
        let other_status = canned("404 Not Found");
        let own_headers = format!(
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        );
        for buf in [
            &with_body[..],
            &other_status[..],
            own_headers.as_bytes(),
            b"",
            b"HTTP/1.1 4",
        ] {
            assert_eq!(
                hyper_error_answer(buf),
                None,
                "{}",
                String::from_utf8_lossy(buf)
            );
        }
    }
}
