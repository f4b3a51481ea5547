//! The `maillage` binary: exit codes, stdout/stderr, configuration layers.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::harness::{Db, TestDb};

pub fn maillage(data_dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_maillage"));
    c.arg("--data-dir")
        .arg(data_dir)
        .env_remove("MAILLAGE_DATABASE_URL")
        .env_remove("MAILLAGE_CONFIG");
    c.env("RUST_LOG", "warn").current_dir(std::env::temp_dir());
    c
}

pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run maillage");
    (
        status.code().expect("exited normally, not by a signal"),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {stdout}"))
}

/// Runs a CLI test on SQLite and, when configured, on PostgreSQL.
pub async fn for_each_database(test: impl Fn(&Path, Option<&str>)) {
    for db in [Db::Sqlite, Db::Postgres] {
        let Some(db) = TestDb::new(db).await else {
            continue;
        };
        let url = (!db.url.starts_with("sqlite")).then_some(db.url.as_str());
        test(&db.dir.path().join("data"), url);
    }
}

pub fn with_url(mut cmd: Command, url: Option<&str>) -> Command {
    if let Some(u) = url {
        cmd.arg("--database-url").arg(u);
    }
    cmd
}

#[tokio::test]
async fn migrate_is_idempotent_and_creates_the_data_dir() {
    for_each_database(|dir, url| {
        let (code, out, _) = run(with_url(maillage(dir), url).args(["migrate", "--json"]));
        assert_eq!(code, 0);
        assert!(json(&out)["applied"].as_u64().unwrap() >= 1);
        if url.is_none() {
            assert!(dir.join("maillage.db").exists());
        }
        let (code, out, _) = run(with_url(maillage(dir), url).args(["migrate", "--json"]));
        assert_eq!(code, 0);
        assert_eq!(json(&out)["applied"], 0);
    })
    .await;
}

#[tokio::test]
async fn user_add_prints_a_one_time_password_or_reads_one() {
    for_each_database(|dir, url| {
        let (code, out, err) = run(with_url(maillage(dir), url).args([
            "user",
            "add",
            "Josette@Exemple.ca",
            "--role",
            "admin",
        ]));
        assert_eq!(code, 0, "{err}");
        let password = out.trim();
        assert_eq!(password.len(), 23, "{out}");
        assert!(err.contains("josette@exemple.ca"));

        // A second account with the same address is refused by the rules.
        let (code, out, err) = run(with_url(maillage(dir), url).args([
            "user",
            "add",
            "josette@exemple.ca",
            "--role",
            "admin",
        ]));
        assert_eq!(code, 1);
        assert!(out.is_empty());
        assert!(err.contains("already exists"), "{err}");

        // Roles in a grouping need an existing grouping.
        let (code, _, err) = run(with_url(maillage(dir), url).args([
            "user",
            "add",
            "c@exemple.ca",
            "--role",
            "coordinator",
        ]));
        assert_eq!(code, 2);
        assert!(err.contains("--grouping"), "{err}");
        let (code, _, err) = run(with_url(maillage(dir), url).args([
            "user",
            "add",
            "c@exemple.ca",
            "--role",
            "coordinator",
            "--grouping",
            "inconnu",
        ]));
        assert_eq!(code, 1);
        assert!(err.contains("inconnu"), "{err}");

        let (code, _, _) = run(with_url(maillage(dir), url).arg("demo"));
        assert_eq!(code, 0);
        let mut child = with_url(maillage(dir), url)
            .args([
                "user",
                "add",
                "claudette@exemple.ca",
                "--role",
                "coordinator",
                "--grouping",
                "commun-enfant-jonquiere",
                "--password-stdin",
                "--json",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"une phrase de passe\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc = json(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(doc["role"], "coordinator");
        assert_eq!(doc["grouping"], "commun-enfant-jonquiere");
        assert!(doc["one_time_password"].is_null());
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_exit_2_and_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["user", "add", "pas-une-adresse", "--role", "admin"],
            "not a valid e-mail",
        ),
        (vec!["user", "add", "a@exemple.ca", "--role", "roi"], "roi"),
        (
            vec![
                "user",
                "add",
                "a@exemple.ca",
                "--role",
                "admin",
                "--grouping",
                "x",
            ],
            "--grouping",
        ),
        (vec!["--unknown-flag", "migrate"], "--unknown-flag"),
        (vec!["serve", "--addr", "nowhere"], "nowhere"),
    ];
    for (args, message) in cases {
        let (code, out, err) = run(maillage(&dir).args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let long = format!("{}@exemple.ca", "a".repeat(300));
    let (code, _, err) = run(maillage(&dir).args(["user", "add", &long, "--role", "admin"]));
    assert_eq!(code, 2);
    assert!(err.contains("longer than 254"), "{err}");
    let mut weak = maillage(&dir);
    weak.args([
        "user",
        "add",
        "w@exemple.ca",
        "--role",
        "admin",
        "--password-stdin",
    ])
    .stdin(Stdio::piped());
    let mut child = weak
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"court\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10"));
}

#[tokio::test]
async fn unusable_data_dir_and_unreachable_database_are_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("un-fichier");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = run(maillage(&file.join("data")).arg("migrate"));
    assert_eq!(code, 2);
    assert!(err.contains("cannot use the data directory"), "{err}");

    let (code, _, err) = run(maillage(&tmp.path().join("d")).args([
        "--database-url",
        "postgres://postgres:secret@127.0.0.1:1/none",
        "migrate",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("cannot reach the database"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is not printed: {err}"
    );

    let (code, _, err) =
        run(maillage(&tmp.path().join("d")).args(["--database-url", "mysql://x@y/z", "migrate"]));
    assert_eq!(code, 2);
    assert!(err.contains("unsupported database URL"), "{err}");
}

#[tokio::test]
async fn configuration_file_env_and_flags_are_layered() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("maillage.toml");
    std::fs::write(&config, "data_dir = \"from-file\"\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_maillage"));
    cmd.current_dir(tmp.path())
        .env("RUST_LOG", "warn")
        .env_remove("MAILLAGE_DATA_DIR")
        .arg("migrate");
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    assert!(
        tmp.path().join("from-file/maillage.db").exists(),
        "the file's data_dir is used"
    );

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_maillage"));
    cmd.current_dir(tmp.path())
        .env("RUST_LOG", "warn")
        .env("MAILLAGE_DATA_DIR", "from-env")
        .arg("migrate");
    assert_eq!(run(&mut cmd).0, 0);
    assert!(
        tmp.path().join("from-env/maillage.db").exists(),
        "the environment wins over the file"
    );

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_maillage"));
    cmd.current_dir(tmp.path())
        .env("RUST_LOG", "warn")
        .env("MAILLAGE_DATA_DIR", "from-env")
        .args(["--data-dir", "from-flag", "migrate"]);
    assert_eq!(run(&mut cmd).0, 0);
    assert!(
        tmp.path().join("from-flag/maillage.db").exists(),
        "the flag wins over the environment"
    );

    std::fs::write(&config, "data_dir = \"x\"\nport = 8080\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_maillage"));
    cmd.current_dir(tmp.path())
        .env("RUST_LOG", "warn")
        .env_remove("MAILLAGE_DATA_DIR")
        .arg("migrate");
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("port"), "names the bad key: {err}");
}

#[tokio::test]
async fn smtp_settings_are_checked_at_start() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let serve = |args: &[&str]| {
        let mut cmd = maillage(&data);
        cmd.env_remove("MAILLAGE_SMTP_URL")
            .env_remove("MAILLAGE_MAIL_FROM")
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args);
        run(&mut cmd)
    };
    let (code, _, err) = serve(&["--smtp-url", "smtp://relay.exemple.ca:587"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("mail_from is not"),
        "names what is missing: {err}"
    );
    let (code, _, err) = serve(&["--smtp-url", "relais sans schéma", "--mail-from", "a@b.ca"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--smtp-url") && err.contains("not a URL"),
        "{err}"
    );
    let (code, _, err) = serve(&[
        "--smtp-url",
        "smtp://relay.exemple.ca?tls=peut-etre",
        "--mail-from",
        "a@b.ca",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("tls=peut-etre"), "{err}");
    let (code, _, err) = serve(&[
        "--smtp-url",
        "smtp://u:secret@relay.exemple.ca",
        "--mail-from",
        "pas une adresse",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--mail-from") && !err.contains("secret"),
        "{err}"
    );
    // The same from the environment and from maillage.toml.
    let mut cmd = maillage(&data);
    cmd.env("MAILLAGE_SMTP_URL", "smtps://relay.exemple.ca")
        .env_remove("MAILLAGE_MAIL_FROM")
        .arg("serve");
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("MAILLAGE_SMTP_URL"), "{err}");
    let config = tmp.path().join("maillage.toml");
    std::fs::write(
        &config,
        "smtp_url = \"ftp://relay.exemple.ca\"\nmail_from = \"a@b.ca\"\n",
    )
    .unwrap();
    let mut cmd = maillage(&data);
    cmd.env_remove("MAILLAGE_SMTP_URL")
        .env_remove("MAILLAGE_MAIL_FROM")
        .arg("--config")
        .arg(&config)
        .arg("serve");
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("key `smtp_url`") && err.contains("smtp or smtps"),
        "{err}"
    );
}

#[tokio::test]
async fn serve_explains_the_first_admin_and_stops_gracefully() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = maillage(&tmp.path().join("data"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let mut seen = String::new();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.strip_prefix("maillage listening on http://") {
            break rest.to_owned();
        }
    };
    assert!(seen.contains("maillage user add"), "{seen}");
    let body = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("ok"));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "SIGTERM is a clean stop");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l.contains("maillage stopped")),
        "{rest:?}"
    );
}

#[tokio::test]
async fn demo_is_idempotent_and_prints_a_working_login() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (code, out, _) = run(maillage(&dir).args(["demo", "--json"]));
    assert_eq!(code, 0);
    let first = json(&out);
    let (code, out, _) = run(maillage(&dir).args(["demo", "--json"]));
    assert_eq!(code, 0);
    let second = json(&out);
    assert_eq!(first["organizations"], second["organizations"]);
    assert_eq!(first["groupings"], second["groupings"]);
    assert_eq!(second["admin"]["email"], "admin@maillage.example");
    let store =
        maillage_store::Store::open_and_migrate(&maillage_store::default_database_url(&dir))
            .await
            .unwrap();
    let user = maillage_store::repo::accounts::find_by_email(
        store.conn(),
        &maillage_domain::Email::parse("admin@maillage.example").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(maillage_domain::password::verify(
        second["admin"]["password"].as_str().unwrap(),
        &user.password_hash
    ));
    assert!(user.is_admin);
    store.close().await;
}
