//! A small HTTP proxy for fault tests: it sits between the client and a real server and, for
//! each request in turn, either forwards it or injects a fault a real server or network
//! produces (reset connection, error status, cut-off body, long delay, a change to the file
//! between requests). One request per connection; it always closes after answering.
//! Started and stopped by the test that uses it; it listens on 127.0.0.1 only.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::server::Result;

/// What happens to one request.
pub enum Fault {
    /// Close the connection without answering.
    Reset,
    /// Answer with this status and no body, without asking the server.
    Status(u16),
    /// Forward, but cut the response body in half and close.
    Truncate,
    /// Wait this long, then forward.
    Delay(Duration),
    /// Run this, then forward (e.g. delete the file between a read and a write).
    Before(Box<dyn FnOnce() + Send>),
}

pub struct FaultProxy {
    pub base: String,
    faults: Arc<Mutex<VecDeque<Fault>>>,
    stop: Arc<AtomicBool>,
    port: u16,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// Proxies to `upstream` (host:port), injecting `faults` one per request, then forwarding.
    pub fn start(upstream: &str, faults: Vec<Fault>) -> Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let faults = Arc::new(Mutex::new(VecDeque::from(faults)));
        let stop = Arc::new(AtomicBool::new(false));
        let (queue, halt, upstream) = (faults.clone(), stop.clone(), upstream.to_owned());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = stream else { continue };
                // Faults are assigned in arrival order; each connection is served on its own
                // thread, so a delayed one does not hold up the next.
                let fault = queue.lock().ok().and_then(|mut q| q.pop_front());
                let upstream = upstream.clone();
                std::thread::spawn(move || {
                    let _ = serve(client, &upstream, fault);
                });
            }
        });
        Ok(Self {
            base: format!("http://127.0.0.1:{port}"),
            faults,
            stop,
            port,
            thread: Some(thread),
        })
    }

    /// Faults not yet used.
    pub fn remaining(&self) -> usize {
        self.faults.lock().map_or(0, |q| q.len())
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one HTTP message (head and Content-Length body) from `stream`.
fn read_message(stream: &mut TcpStream) -> std::io::Result<(String, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut body = data[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Ok((head, body))
}

/// The head with `Connection: close` in place of any Connection header.
fn closing(head: &str) -> String {
    let mut lines: Vec<&str> = head
        .trim_end()
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    format!("{}\r\n\r\n", lines.join("\r\n"))
}

fn serve(mut client: TcpStream, upstream: &str, fault: Option<Fault>) -> std::io::Result<()> {
    let (head, body) = read_message(&mut client)?;
    let cut = matches!(fault, Some(Fault::Truncate));
    match fault {
        Some(Fault::Reset) => return Ok(()),
        Some(Fault::Status(code)) => {
            let reply = format!(
                "HTTP/1.1 {code} Injected\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return client.write_all(reply.as_bytes());
        }
        Some(Fault::Delay(wait)) => std::thread::sleep(wait),
        Some(Fault::Before(action)) => action(),
        Some(Fault::Truncate) | None => {}
    }
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(closing(&head).as_bytes())?;
    server.write_all(&body)?;
    let (reply_head, reply_body) = read_message(&mut server)?;
    client.write_all(closing(&reply_head).as_bytes())?;
    let sent = if cut {
        reply_body.len() / 2
    } else {
        reply_body.len()
    };
    client.write_all(&reply_body[..sent])
}
