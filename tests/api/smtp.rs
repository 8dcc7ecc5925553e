//! A small SMTP server on loopback for the tests: it speaks enough of the protocol for a
//! real client, answers each message with the next reply it was given (then `250`), and
//! keeps what it accepted.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct FakeSmtp {
    pub port: u16,
    /// Accepted messages, as sent (headers and encoded body).
    pub received: Arc<Mutex<Vec<String>>>,
    /// Replies to the next messages' data, such as `451 try later`.
    replies: Arc<Mutex<VecDeque<&'static str>>>,
    /// How many messages were offered, accepted or not.
    pub offered: Arc<Mutex<usize>>,
}

impl FakeSmtp {
    pub async fn start(replies: &[&'static str]) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = FakeSmtp {
            port: listener.local_addr().unwrap().port(),
            replies: Arc::new(Mutex::new(replies.iter().copied().collect())),
            ..FakeSmtp::default()
        };
        let shared = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(shared.clone().converse(socket));
            }
        });
        server
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }

    async fn converse(self, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 fake ESMTP\r\n").await;
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
            let reply = match verb.as_str() {
                "EHLO" | "HELO" => "250-fake\r\n250 8BITMIME".to_owned(),
                "MAIL" | "RCPT" | "RSET" | "NOOP" => "250 OK".to_owned(),
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                "DATA" => {
                    let _ = write.write_all(b"354 go ahead\r\n").await;
                    let mut message = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if line == "." {
                            break;
                        }
                        message.push_str(&line);
                        message.push('\n');
                    }
                    *self.offered.lock().unwrap() += 1;
                    let reply = self.replies.lock().unwrap().pop_front().unwrap_or("250 queued");
                    if reply.starts_with('2') {
                        self.received.lock().unwrap().push(message);
                    }
                    reply.to_owned()
                }
                _ => "502 not implemented".to_owned(),
            };
            if write.write_all(format!("{reply}\r\n").as_bytes()).await.is_err() {
                return;
            }
        }
    }
}

/// The text of a quoted-printable body, as a mail program shows it.
pub fn quoted_printable(encoded: &str) -> String {
    let joined = encoded.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = joined.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        if let (b'=', Some(byte)) = (bytes[i], hex) {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
