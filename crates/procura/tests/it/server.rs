//! The server commands through the compiled binary: `serve`, `migrate`,
//! `user`, `audit verify`, and two servers sharing one PostgreSQL database.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use procura_service::DatabaseUrl;

const PASSWORD: &str = "vert-cheval-pile-agrafe";

fn procura_command(database: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_procura"));
    command
        .env_remove("LANG")
        .env_remove("PROCURA_LANG")
        .env("PROCURA_DATABASE", database)
        .env("PROCURA_DATA_DIR", std::env::temp_dir())
        .env("RUST_LOG", "info");
    command
}

fn database_text(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    }
}

fn run(database: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = procura_command(database)
        .args(args)
        .args(["--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("procura runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// A running `procura serve` and what it printed while starting.
struct Server {
    child: Child,
    base: String,
    startup: Vec<String>,
    /// The lines printed after starting, as they come.
    log: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(database: &str, extra: &[&str]) -> Server {
        let mut child = procura_command(database)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("procura serve starts");
        let mut reader = BufReader::new(child.stderr.take().unwrap());
        let mut startup = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let base = loop {
            let mut line = String::new();
            assert!(
                Instant::now() < deadline,
                "server did not start: {startup:?}"
            );
            if reader.read_line(&mut line).unwrap() == 0 {
                panic!("server exited: {startup:?}");
            }
            startup.push(line.clone());
            if let Some(position) = line.find("listening on http://") {
                let rest = &line[position + "listening on ".len()..];
                break rest.split_whitespace().next().unwrap().to_owned();
            }
        };
        // Keep reading the log so the server never blocks on a full pipe; the
        // setup link comes right after the listening line.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        if let Ok(line) = receiver.recv_timeout(Duration::from_millis(500)) {
            startup.push(line);
        }
        Server {
            child,
            base,
            startup,
            log: receiver,
        }
    }

    fn setup_url(&self) -> Option<String> {
        self.startup
            .iter()
            .find_map(|line| {
                line.split_whitespace()
                    .find(|word| word.contains("/setup?token="))
                    .map(str::to_owned)
            })
            .map(|word| {
                word.trim_start_matches("setup_url=")
                    .trim_matches('"')
                    .to_owned()
            })
    }

    /// SIGTERM, then wait: the server must exit by itself, successfully.
    fn stop(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Signs in through the pages of `base` and returns the session cookie.
async fn sign_in(base: &str, email: &str) -> String {
    let client = client();
    let page = client.get(format!("{base}/sign-in")).send().await.unwrap();
    let csrf_cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("procura_csrf="))
        .unwrap();
    let body = page.text().await.unwrap();
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker).unwrap() + marker.len();
    let csrf = &body[start..start + 64];
    let form: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("csrf", csrf), ("email", email), ("password", PASSWORD)])
        .finish();
    let response = client
        .post(format!("{base}/sign-in"))
        .header("cookie", csrf_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "sign-in on {base}");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("procura_session="))
        .unwrap()
}

#[test]
fn serve_prints_a_setup_link_answers_health_checks_and_stops_on_sigterm() {
    let database = procura_service::testing::temp_dir("serve")
        .join("procura.db")
        .display()
        .to_string();
    let server = Server::start(&database, &[]);
    let setup = server.setup_url().expect("setup link in the log");
    assert!(
        setup.starts_with(&format!("{}/setup?token=", server.base)),
        "{setup}"
    );
    runtime().block_on(async {
        let client = client();
        assert_eq!(
            client
                .get(format!("{}/healthz", server.base))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            client
                .get(format!("{}/readyz", server.base))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(client.get(&setup).send().await.unwrap().status(), 200);
    });
    let status = server.stop();
    assert!(status.success(), "clean exit after SIGTERM: {status:?}");
}

#[test]
fn json_logs_carry_one_line_per_request() {
    let database = procura_service::testing::temp_dir("json")
        .join("procura.db")
        .display()
        .to_string();
    let server = Server::start(&database, &["--log-format", "json"]);
    let line = server
        .startup
        .iter()
        .find(|line| line.contains("listening"))
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_str(line).expect("JSON log line");
    assert_eq!(parsed["level"], "INFO");

    // A request to a portal link: one line, with the link's secret left out.
    let secret = "ab".repeat(32);
    // In a JSON line the address ends with the message's closing quote.
    let base = server.base.split('"').next().unwrap();
    let status = runtime().block_on(async {
        client()
            .get(format!("{base}/portal/{secret}/files"))
            .header("x-request-id", "trace-42")
            .send()
            .await
            .unwrap()
            .status()
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let request = loop {
        assert!(Instant::now() < deadline, "no request line");
        let Ok(line) = server.log.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        let parsed: serde_json::Value = serde_json::from_str(&line).expect("JSON log line");
        if parsed["message"] == "request" {
            break parsed;
        }
    };
    let fields = &request;
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["path"], "/portal/…/files");
    assert_eq!(fields["status"], status.as_u16());
    assert_eq!(fields["request_id"], "trace-42");
    assert_eq!(fields["client"], "127.0.0.1");
    assert!(!request.to_string().contains(&secret));
    server.stop();
}

#[test]
fn user_commands_and_migrate() {
    let database = procura_service::testing::temp_dir("users")
        .join("procura.db")
        .display()
        .to_string();
    let migrated = run(&database, &["migrate"], None);
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let added = run(
        &database,
        &[
            "user",
            "add",
            "--email",
            "rssi@chu.example",
            "--org",
            "CHU Test",
            "--role",
            "ciso",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        String::from_utf8_lossy(&added.stdout)
            .contains("Created rssi@chu.example in CHU Test as ciso")
    );
    let generated = run(
        &database,
        &[
            "user",
            "add",
            "--email",
            "buyer@chu.example",
            "--org",
            "CHU Test",
            "--role",
            "buyer",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&generated.stdout).contains("Initial password"));
    let weak = run(
        &database,
        &[
            "user",
            "add",
            "--email",
            "x@chu.example",
            "--org",
            "CHU Test",
            "--role",
            "it",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 12 characters"));
    let bad_role = run(
        &database,
        &[
            "user",
            "add",
            "--email",
            "x@chu.example",
            "--org",
            "CHU Test",
            "--role",
            "owner",
        ],
        None,
    );
    assert_eq!(bad_role.status.code(), Some(2));
    let token = run(
        &database,
        &[
            "user",
            "token",
            "--email",
            "rssi@chu.example",
            "--name",
            "nightly export",
        ],
        None,
    );
    assert!(token.status.success());
    let secret = String::from_utf8(token.stdout).unwrap();
    assert!(
        secret.trim().starts_with("pcr_") && secret.trim().len() == 68,
        "{secret}"
    );
    let reset = run(
        &database,
        &["user", "reset-password", "--email", "buyer@chu.example"],
        None,
    );
    assert!(reset.status.success());
    assert!(String::from_utf8_lossy(&reset.stdout).contains("New password set"));
    let unknown = run(
        &database,
        &["user", "reset-password", "--email", "nobody@chu.example"],
        None,
    );
    assert_eq!(unknown.status.code(), Some(2));
    let verify = run(&database, &["audit", "verify"], None);
    assert!(verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("Audit log intact"));
}

#[test]
fn audit_verify_reports_an_entry_edited_in_the_database() {
    let path = procura_service::testing::temp_dir("tamper").join("procura.db");
    let database = path.display().to_string();
    for email in ["a@chu.example", "b@chu.example", "c@chu.example"] {
        let added = run(
            &database,
            &[
                "user", "add", "--email", email, "--org", "CHU", "--role", "viewer",
            ],
            None,
        );
        assert!(added.status.success());
    }
    assert!(run(&database, &["audit", "verify"], None).status.success());
    runtime().block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{database}"))
            .await
            .unwrap();
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let verify = run(&database, &["audit", "verify"], None);
    assert_eq!(verify.status.code(), Some(3));
    let message = String::from_utf8_lossy(&verify.stderr);
    assert!(message.contains("broken at entry 3"), "{message}");
}

#[test]
fn two_servers_on_one_postgresql_database_share_sessions() {
    let Ok(server_url) = std::env::var(procura_service::testing::POSTGRES_VARIABLE) else {
        // SQLite is one machine's database; this test is for PostgreSQL.
        return;
    };
    let database = runtime().block_on(procura_service::testing::fresh_postgres(&server_url));
    let database = database_text(&database);
    let added = run(
        &database,
        &[
            "user",
            "add",
            "--email",
            "admin@ght.example",
            "--org",
            "GHT",
            "--role",
            "admin",
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let first = Server::start(&database, &[]);
    let second = Server::start(&database, &[]);
    assert_ne!(first.base, second.base);
    runtime().block_on(async {
        let cookie = sign_in(&first.base, "admin@ght.example").await;
        let me = client()
            .get(format!("{}/api/v1/me", second.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 200, "the second server recognises the session");
        let me: serde_json::Value = me.json().await.unwrap();
        assert_eq!(me["email"], "admin@ght.example");
    });
    assert!(first.stop().success());
    assert!(second.stop().success());
}

#[test]
fn project_commands_create_list_show_advance_export_and_import() {
    let database = procura_service::testing::temp_dir("projects")
        .join("procura.db")
        .display()
        .to_string();
    for (email, role) in [
        ("admin@chu.example", "admin"),
        ("buyer@chu.example", "buyer"),
        ("rssi@chu.example", "ciso"),
    ] {
        let added = run(
            &database,
            &[
                "user",
                "add",
                "--email",
                email,
                "--org",
                "CHU",
                "--role",
                role,
                "--password-stdin",
            ],
            Some(PASSWORD),
        );
        assert!(added.status.success());
    }
    let new_project = |actor: &str| {
        run(
            &database,
            &[
                "project",
                "new",
                "--as",
                actor,
                "--reference",
                "MAR-CLI",
                "--title",
                "Pompes",
                "--type",
                "medical",
                "--cpv",
                "33100000-1",
                "--stakeholder",
                "buyer@chu.example=buyer",
                "--stakeholder",
                "rssi@chu.example=ciso",
            ],
            None,
        )
    };
    // Only an administrator or the organisation's CISO names a project CISO.
    let refused = new_project("buyer@chu.example");
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("project CISO"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let created = new_project("admin@chu.example");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).starts_with("MAR-CLI\t"));
    let list = run(
        &database,
        &["project", "list", "--as", "rssi@chu.example"],
        None,
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("MAR-CLI"));
    let show = run(
        &database,
        &["project", "show", "MAR-CLI", "--as", "buyer@chu.example"],
        None,
    );
    let shown = String::from_utf8_lossy(&show.stdout).to_string();
    assert!(
        shown.contains("MAR-CLI — Pompes") && shown.contains("BP-29"),
        "{shown}"
    );
    let refused = run(
        &database,
        &["project", "advance", "MAR-CLI", "--as", "buyer@chu.example"],
        None,
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("items are still open"));
    let no_actor = run(&database, &["project", "list"], None);
    assert_eq!(no_actor.status.code(), Some(2));
    let exported = run(
        &database,
        &["project", "export", "MAR-CLI", "--as", "buyer@chu.example"],
        None,
    );
    assert!(exported.status.success());
    let export: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(export["project"]["reference"], "MAR-CLI");
    // The file claims the project is in management with the CISO's
    // sign-off: the import believes neither.
    let mut claimed = export.clone();
    claimed["project"]["stage"] = serde_json::json!("management");
    claimed["sign_offs"] = serde_json::json!([{"phase": "planning",
        "signed_by": "rssi@chu.example", "signed_at": 1_500_000_000_000i64, "comment": "ok"}]);
    let file = procura_service::testing::temp_dir("export").join("mar-cli.json");
    std::fs::write(&file, serde_json::to_vec(&claimed).unwrap()).unwrap();
    let mut script = claimed.clone();
    script["items"][0]["evidence"] = serde_json::json!([{"kind": "link", "name": "x",
        "url": "javascript:alert(1)", "sha256": null, "size": null, "content_type": null,
        "uploaded_by": null, "created_at": 0}]);
    let script_file = procura_service::testing::temp_dir("export").join("script.json");
    std::fs::write(&script_file, serde_json::to_vec(&script).unwrap()).unwrap();
    let other = procura_service::testing::temp_dir("import")
        .join("procura.db")
        .display()
        .to_string();
    let added = run(
        &other,
        &[
            "user",
            "add",
            "--email",
            "buyer@chu.example",
            "--org",
            "GHT",
            "--role",
            "buyer",
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert!(added.status.success());
    let refused = run(
        &other,
        &[
            "project",
            "import",
            script_file.to_str().unwrap(),
            "--as",
            "buyer@chu.example",
        ],
        None,
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("javascript:alert(1)"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let imported = run(
        &other,
        &[
            "project",
            "import",
            file.to_str().unwrap(),
            "--as",
            "buyer@chu.example",
        ],
        None,
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let again = run(
        &other,
        &["project", "show", "MAR-CLI", "--as", "buyer@chu.example"],
        None,
    );
    let shown = String::from_utf8_lossy(&again.stdout).to_string();
    assert!(shown.contains("BP-29"), "{shown}");
    let stage_line = shown.lines().nth(1).unwrap_or_default();
    assert!(
        stage_line.contains("Planning") && !stage_line.contains("Management"),
        "{shown}"
    );
    let history = shown
        .lines()
        .find(|line| line.contains("SHA-256"))
        .unwrap_or_else(|| panic!("no imported history in {shown}"));
    assert!(
        history.contains("not verified") && history.contains("management"),
        "{history}"
    );
    let csv = run(
        &database,
        &[
            "project",
            "export",
            "MAR-CLI",
            "--as",
            "buyer@chu.example",
            "--format",
            "csv",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&csv.stdout).lines().count() > 10);
}
