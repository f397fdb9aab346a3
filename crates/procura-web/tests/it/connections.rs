//! Connections at the socket level: clients too slow to send their headers,
//! idle connections, the cap on connections, and a graceful stop.

use std::time::{Duration, Instant};

use procura_service::{Config, RawConfig, Services};
use procura_web::AppState;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::TestApp;

const HEALTH_CHECK: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: procura.test\r\n\r\n";

async fn app_with(raw: RawConfig) -> TestApp {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    TestApp::spawn(url, raw).await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap()
}

/// Reads until the health check's body arrived; `None` if the server closed
/// the connection or said nothing within `patience`.
async fn health_answer(stream: &mut TcpStream, patience: Duration) -> Option<String> {
    let mut received = Vec::new();
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        let mut buffer = [0_u8; 1024];
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return None,
            Ok(Ok(read)) => received.extend_from_slice(&buffer[..read]),
        }
        let text = String::from_utf8_lossy(&received).into_owned();
        if text.ends_with("ok\n") {
            return Some(text);
        }
    }
}

/// How long the server keeps a connection open while `trickle` feeds it one
/// byte every 100 ms; `None` if it is still open after `limit`.
async fn time_until_closed(
    stream: &mut TcpStream,
    trickle: &[u8],
    limit: Duration,
) -> Option<Duration> {
    let started = Instant::now();
    let mut bytes = trickle.iter().cycle();
    while started.elapsed() < limit {
        if let Some(byte) = bytes.next()
            && stream.write_all(&[*byte]).await.is_err()
        {
            return Some(started.elapsed());
        }
        let mut buffer = [0_u8; 256];
        match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buffer)).await {
            Err(_) => {}
            // Closed, reset, or an error response before closing.
            Ok(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[tokio::test]
async fn headers_sent_one_byte_at_a_time_are_cut_off() {
    let app = app_with(RawConfig {
        header_read_timeout_seconds: Some(1),
        ..RawConfig::default()
    })
    .await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\n")
        .await
        .unwrap();
    let closed = time_until_closed(&mut stream, b"X-Slow: aaaaaaaa\r\n", Duration::from_secs(5))
        .await
        .expect("the server still reads the headers after 5 s");
    assert!(closed < Duration::from_secs(3), "closed after {closed:?}");
    assert!(
        closed >= Duration::from_millis(900),
        "closed after {closed:?}"
    );
}

#[tokio::test]
async fn a_kept_alive_connection_must_send_its_next_headers_in_time() {
    let app = app_with(RawConfig {
        header_read_timeout_seconds: Some(1),
        idle_timeout_seconds: Some(30),
        ..RawConfig::default()
    })
    .await;
    let mut stream = connect(&app).await;
    stream.write_all(HEALTH_CHECK).await.unwrap();
    assert!(
        health_answer(&mut stream, Duration::from_secs(5))
            .await
            .is_some()
    );
    let started = Instant::now();
    let mut buffer = [0_u8; 256];
    // Closed (end of stream, or a reset): waiting ends well before 5 s.
    let _closed = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
        .await
        .expect("the kept-alive connection is still open after 5 s");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn an_idle_connection_is_closed() {
    let app = app_with(RawConfig {
        header_read_timeout_seconds: Some(30),
        idle_timeout_seconds: Some(1),
        ..RawConfig::default()
    })
    .await;
    let mut stream = connect(&app).await;
    stream.write_all(HEALTH_CHECK).await.unwrap();
    assert!(
        health_answer(&mut stream, Duration::from_secs(5))
            .await
            .is_some()
    );
    let started = Instant::now();
    let mut buffer = [0_u8; 16];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
        .await
        .expect("the idle connection is still open after 5 s");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let app = app_with(RawConfig {
        max_connections: Some(2),
        header_read_timeout_seconds: Some(30),
        idle_timeout_seconds: Some(30),
        ..RawConfig::default()
    })
    .await;
    let mut first = connect(&app).await;
    let mut second = connect(&app).await;
    for stream in [&mut first, &mut second] {
        stream.write_all(HEALTH_CHECK).await.unwrap();
        assert!(
            health_answer(stream, Duration::from_secs(5))
                .await
                .is_some()
        );
    }
    let mut third = connect(&app).await;
    third.write_all(HEALTH_CHECK).await.unwrap();
    assert_eq!(
        health_answer(&mut third, Duration::from_secs(1)).await,
        None,
        "a third connection is served while two are open"
    );
    drop(first);
    assert!(
        health_answer(&mut third, Duration::from_secs(5))
            .await
            .is_some(),
        "the third connection is served once the first is gone"
    );
    // The second connection still works.
    second.write_all(HEALTH_CHECK).await.unwrap();
    assert!(
        health_answer(&mut second, Duration::from_secs(5))
            .await
            .is_some()
    );
}

#[tokio::test]
async fn stopping_lets_the_request_in_flight_finish() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let mut config = Config::from_raw(RawConfig {
        listen: Some(address.to_string()),
        ..RawConfig::default()
    })
    .unwrap();
    config.database = url.clone();
    let services = Services::open(&url, config.sessions).await.unwrap();
    let state = AppState::new(services, config, procura_catalog::builtin().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(procura_web::serve(listener, state, async {
        let _ = stopped.await;
    }));

    // A sign-in whose body is still on its way when the server is told to stop.
    let body = b"email=a%40chu.example&password=x";
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).unwrap();
    // The listening socket closes: no new connection once stopping.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(address).await.is_ok() {
        assert!(Instant::now() < deadline, "still accepting after 5 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut early = [0_u8; 64];
    assert!(
        tokio::time::timeout(Duration::from_millis(200), stream.read(&mut early))
            .await
            .is_err(),
        "the request is still in flight: no answer before its body is complete"
    );
    stream.write_all(&body[5..]).await.unwrap();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut response))
        .await
        .expect("the connection closes after its answer")
        .unwrap();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returns once the last connection is done")
        .unwrap()
        .unwrap();
}
