//! Talks to an Iggy-protocol server over QUIC the way Iggy's Rust SDK does: quinn with rustls,
//! no ALPN, server name "localhost", certificate not verified (the SDK's default), one
//! bidirectional stream per request in the TCP frame format:
//!
//!   request  [length u32 = 4 + N][code u32][payload N]   then FIN
//!   response [status u32][length u32][payload length]   then FIN
//!
//! Usage: iggy-quic-probe HOST:PORT STREAM TOPIC [--alpn PROTO] [--held-headers N [--login]]
//!                        [--idle-connections N]
//! Prints one "ok ..." line per step and exits 0, or prints "FAIL ..." and exits 1.
//!
//! --held-headers N: instead of the usual steps, opens N streams that each send only a request
//! header declaring the largest payload allowed (a 64 KiB login, or after --login a 64 MiB
//! SendMessages) and nothing more, counts how many the server refuses at once, then pings.
//! --idle-connections N: opens N more connections, times 200 pings on the first one, then pings
//! once on each of the others.
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const PING: u32 = 1;
const LOGIN_USER: u32 = 38;
const GET_STREAMS: u32 = 201;
const POLL_MESSAGES: u32 = 100;
const SEND_MESSAGES: u32 = 101;

struct AcceptAnyCertificate;

impl rustls::client::ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::Certificate,
        _intermediates: &[rustls::Certificate],
        _server_name: &rustls::ServerName,
        _scts: &mut dyn Iterator<Item = &[u8]>,
        _ocsp: &[u8],
        _now: SystemTime,
    ) -> Result<rustls::client::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::ServerCertVerified::assertion())
    }
}

fn fail(what: &str) -> ! {
    println!("FAIL {what}");
    std::process::exit(1);
}

async fn request(conn: &quinn::Connection, code: u32, payload: &[u8]) -> (u32, Vec<u8>) {
    let (send, recv) = conn.open_bi().await.unwrap_or_else(|e| fail(&format!("open stream: {e}")));
    let mut frame = Vec::with_capacity(8 + payload.len());
    frame.extend_from_slice(&(4 + payload.len() as u32).to_le_bytes());
    frame.extend_from_slice(&code.to_le_bytes());
    frame.extend_from_slice(payload);
    let mut send = send;
    send.write_all(&frame).await.unwrap_or_else(|e| fail(&format!("write: {e}")));
    send.finish().await.unwrap_or_else(|e| fail(&format!("finish: {e}")));
    let response = recv
        .read_to_end(64 << 20)
        .await
        .unwrap_or_else(|e| fail(&format!("read: {e}")));
    if response.len() < 8 {
        fail(&format!("response of {} bytes to command {code}", response.len()));
    }
    let status = u32::from_le_bytes(response[0..4].try_into().unwrap());
    let length = u32::from_le_bytes(response[4..8].try_into().unwrap()) as usize;
    if response.len() != 8 + length {
        fail(&format!("command {code}: length field {length}, {} bytes follow", response.len() - 8));
    }
    (status, response[8..].to_vec())
}

fn login_payload(username: &str, password: &str) -> Vec<u8> {
    let mut p = vec![username.len() as u8];
    p.extend_from_slice(username.as_bytes());
    p.push(password.len() as u8);
    p.extend_from_slice(password.as_bytes());
    for field in ["iggy-quic-probe/0.1.0", "quinn 0.9, no ALPN"] {
        p.extend_from_slice(&(field.len() as u32).to_le_bytes());
        p.extend_from_slice(field.as_bytes());
    }
    p
}

fn name_identifier(name: &str) -> Vec<u8> {
    let mut p = vec![2u8, name.len() as u8];
    p.extend_from_slice(name.as_bytes());
    p
}

async fn connect(endpoint: &quinn::Endpoint, addr: std::net::SocketAddr) -> quinn::Connection {
    let connecting = endpoint.connect(addr, "localhost").unwrap_or_else(|e| fail(&format!("connect: {e}")));
    match tokio::time::timeout(Duration::from_secs(5), connecting).await {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => fail(&format!("handshake: {e}")),
        Err(_) => fail("handshake: no answer within 5 s"),
    }
}

/// Opens `count` streams that send a header declaring `declared` payload bytes and stop there;
/// prints how many got a reply (a refusal) within 3 s and how many the server holds open.
async fn held_headers(conn: &quinn::Connection, count: usize, code: u32, declared: u32) {
    let mut senders = Vec::new();
    let mut replies = Vec::new();
    for _ in 0..count {
        let (mut send, recv) = conn.open_bi().await.unwrap_or_else(|e| fail(&format!("open stream: {e}")));
        let mut header = Vec::with_capacity(8);
        header.extend_from_slice(&(4 + declared).to_le_bytes());
        header.extend_from_slice(&code.to_le_bytes());
        send.write_all(&header).await.unwrap_or_else(|e| fail(&format!("write: {e}")));
        // Kept alive: dropping a quinn SendStream finishes it, which would end the request.
        senders.push(send);
        replies.push(tokio::spawn(async move {
            match tokio::time::timeout(Duration::from_secs(3), recv.read_to_end(64)).await {
                Ok(Ok(reply)) if reply.len() >= 4 => Some(u32::from_le_bytes(reply[0..4].try_into().unwrap())),
                _ => None,
            }
        }));
    }
    let (mut held, mut refused, mut statuses) = (0, 0, std::collections::BTreeSet::new());
    for reply in replies {
        match reply.await.unwrap_or(None) {
            Some(status) => {
                refused += 1;
                statuses.insert(status);
            }
            None => held += 1,
        }
    }
    println!("ok held-headers held={held} refused={refused} statuses={statuses:?}");
    let (status, _) = request(conn, PING, &[]).await;
    if status != 0 {
        fail(&format!("ping after held headers: status {status}"));
    }
    println!("ok ping-after-held");
    drop(senders);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        fail("usage: iggy-quic-probe HOST:PORT STREAM TOPIC [--alpn PROTO]");
    }
    let addr: std::net::SocketAddr = args[1].parse().unwrap_or_else(|_| fail("HOST:PORT"));
    let (stream, topic) = (&args[2], &args[3]);
    let mut crypto = rustls::ClientConfig::builder()
        .with_safe_defaults()
        .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate))
        .with_no_client_auth();
    // Iggy's SDK leaves this empty: the ClientHello carries no ALPN extension.
    crypto.alpn_protocols = match args.iter().position(|a| a == "--alpn") {
        Some(i) => vec![args.get(i + 1).unwrap_or_else(|| fail("--alpn PROTO")).clone().into_bytes()],
        None => Vec::new(),
    };
    let mut endpoint = quinn::Endpoint::client("127.0.0.1:0".parse().unwrap()).unwrap();
    endpoint.set_default_client_config(quinn::ClientConfig::new(Arc::new(crypto)));

    let conn = connect(&endpoint, addr).await;
    println!("ok handshake alpn={:?}", conn.handshake_data().and_then(|d| d
        .downcast::<quinn::crypto::rustls::HandshakeData>().ok()).and_then(|d| d.protocol)
        .map(|p| String::from_utf8_lossy(&p).into_owned()));

    if let Some(i) = args.iter().position(|a| a == "--idle-connections") {
        let count: usize = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or_else(|| fail("--idle-connections N"));
        let mut idle = Vec::new();
        for _ in 0..count {
            idle.push(connect(&endpoint, addr).await);
        }
        let started = std::time::Instant::now();
        for _ in 0..200 {
            let (status, _) = request(&conn, PING, &[]).await;
            if status != 0 {
                fail(&format!("ping status {status}"));
            }
        }
        println!("ok pings=200 idle_connections={count} mean_us={}", started.elapsed().as_micros() / 200);
        // Every connection must still find its own state: one ping on each.
        let mut answered = 0;
        for other in &idle {
            if request(other, PING, &[]).await.0 == 0 {
                answered += 1;
            }
        }
        println!("ok idle-pings={answered}");
        return;
    }

    if let Some(i) = args.iter().position(|a| a == "--held-headers") {
        let count: usize = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or_else(|| fail("--held-headers N"));
        if args.iter().any(|a| a == "--login") {
            let (status, _) = request(&conn, LOGIN_USER, &login_payload("iggy", "iggy")).await;
            if status != 0 {
                fail(&format!("login status {status}"));
            }
            held_headers(&conn, count, SEND_MESSAGES, 64 << 20).await;
        } else {
            held_headers(&conn, count, LOGIN_USER, 64 << 10).await;
        }
        conn.close(0u32.into(), b"done");
        endpoint.wait_idle().await;
        return;
    }

    let (status, _) = request(&conn, PING, &[]).await;
    if status != 0 {
        fail(&format!("ping status {status}"));
    }
    println!("ok ping");

    let (status, body) = request(&conn, LOGIN_USER, &login_payload("iggy", "iggy")).await;
    if status != 0 || body.len() != 4 {
        fail(&format!("login status {status}, {} bytes", body.len()));
    }
    println!("ok login user_id={}", u32::from_le_bytes(body[..4].try_into().unwrap()));

    // Many requests in flight on one connection, each on its own stream.
    let pings: Vec<_> = (0..32).map(|_| request(&conn, PING, &[])).collect();
    let mut answered = 0;
    for ping in pings {
        if ping.await.0 == 0 {
            answered += 1;
        }
    }
    if answered != 32 {
        fail(&format!("{answered} of 32 concurrent pings answered with status 0"));
    }
    println!("ok concurrent pings=32");

    let (status, body) = request(&conn, GET_STREAMS, &[]).await;
    if status != 0 {
        fail(&format!("get streams status {status}"));
    }
    println!("ok streams bytes={}", body.len());

    // Consumer 1 (numeric id 0), partition 0, from offset 0, 1000 messages: a reply of about 1 MB.
    let mut poll = vec![1u8, 1, 4, 0, 0, 0, 0];
    poll.extend_from_slice(&name_identifier(stream));
    poll.extend_from_slice(&name_identifier(topic));
    poll.extend_from_slice(&[1, 0, 0, 0, 0]);
    poll.push(1);
    poll.extend_from_slice(&0u64.to_le_bytes());
    poll.extend_from_slice(&1000u32.to_le_bytes());
    poll.push(0);
    let (status, body) = request(&conn, POLL_MESSAGES, &poll).await;
    if status != 0 || body.len() < 16 {
        fail(&format!("poll status {status}, {} bytes", body.len()));
    }
    let count = u32::from_le_bytes(body[12..16].try_into().unwrap());
    // Walk the messages: 64-byte header, user-headers length u32 at 48, payload length u32 at 52.
    let (mut at, mut walked, mut payload_bytes) = (16usize, 0u32, 0usize);
    while at + 64 <= body.len() {
        let headers = u32::from_le_bytes(body[at + 48..at + 52].try_into().unwrap()) as usize;
        let payload = u32::from_le_bytes(body[at + 52..at + 56].try_into().unwrap()) as usize;
        at += 64 + payload + headers;
        payload_bytes += payload;
        walked += 1;
    }
    if at != body.len() || walked != count {
        fail(&format!("poll: count {count}, walked {walked} messages ending at {at} of {}", body.len()));
    }
    println!("ok poll count={count} payload_bytes={payload_bytes}");

    let second = connect(&endpoint, addr).await;
    let (status, _) = request(&second, LOGIN_USER, &login_payload("iggy", "wrong-password")).await;
    println!("ok bad-login status={status}");
    second.close(0u32.into(), b"done");

    conn.close(0u32.into(), b"done");
    endpoint.wait_idle().await;
}
