//! Plays WireMock's connection faults. hyper writes HTTP; to send nothing, garbage or a
//! broken chunk instead, the connection's stream is wrapped: when the service marks a fault
//! for the response it is writing, the wrapper writes the fault's bytes (if any) in place of
//! hyper's and then fails the write, so hyper drops the connection.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::control::stubs::Fault;

/// The fault to play on the next write, shared with the service of the same connection.
pub type FaultSlot = Arc<Mutex<Option<Fault>>>;

pub struct FaultyIo {
    pub inner: TcpStream,
    pub slot: FaultSlot,
}

impl AsyncRead for FaultyIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultyIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let fault = self.slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        match fault {
            None => Pin::new(&mut self.inner).poll_write(cx, buf),
            Some(f) => {
                let bytes: Vec<u8> = match f {
                    Fault::ConnectionResetByPeer => {
                        // Linger 0 makes close send RST instead of FIN.
                        let sock = socket_ref(&self.inner);
                        let _ = sock.set_linger(Some(std::time::Duration::ZERO));
                        Vec::new()
                    }
                    Fault::EmptyResponse => Vec::new(),
                    Fault::MalformedResponseChunk => {
                        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nlorem ipsum\r\n"
                            .to_vec()
                    }
                    Fault::RandomDataThenClose => {
                        use rand::RngCore;
                        let mut b = vec![0u8; 64];
                        rand::rng().fill_bytes(&mut b);
                        b
                    }
                };
                if !bytes.is_empty() {
                    let _ = self.inner.try_write(&bytes);
                }
                Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::ConnectionAborted,
                    "injected fault",
                )))
            }
        }
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
