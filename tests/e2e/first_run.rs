//! The README's first command: `scripts/run.sh` makes a sealed team file with this month's
//! round open and prints links that work (a phone answers through the printed Take link, and
//! its answers land sealed in the file). With `--lan` the phones' links are HTTPS, with the
//! certificate the script makes for this computer, and plain HTTP stays on this computer.
//! (The build itself is the test script's: the script serves the dist/ that is there.)

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use candor::model;

use super::server::{Guard, free_port, root, wait_for_port};
use super::support::{Browser, Result, Screen};

/// `scripts/run.sh` running, with what it printed before serving.
struct Running {
    _server: Guard,
    printed: Vec<String>,
    state: PathBuf,
}

impl Running {
    /// The address printed after `label` (e.g. "Take:").
    fn link(&self, label: &str) -> Result<String> {
        self.printed
            .iter()
            .find_map(|line| line.strip_prefix(label))
            .map(|rest| rest.trim().to_owned())
            .ok_or_else(|| format!("no {label} line in {:?}", self.printed).into())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

/// Starts `scripts/run.sh args` on free ports with its state in a folder of its own, and reads
/// what it prints until it serves.
fn run_sh(args: &[&str], port: u16) -> Result<Running> {
    let state = std::env::temp_dir().join(format!("candor-run-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let mut child = Command::new(root().join("scripts/run.sh"))
        .args(args)
        .env("CANDOR_SKIP_BUILD", "1")
        .env("CANDOR_STATE", &state)
        .env("CANDOR_PORT", port.to_string())
        .env("CANDOR_TLS_PORT", free_port().to_string())
        .env("CANDOR_BIN", env!("CARGO_BIN_EXE_candor"))
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let server = Guard {
        child,
        name: "scripts/run.sh (lighttpd)",
    };
    let (lines, printed) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
            let _ = lines.send(line);
        }
    });
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &String| l.starts_with("(Ctrl-C")) {
        seen.push(
            printed
                .recv_timeout(Duration::from_secs(60))
                .map_err(|_| format!("scripts/run.sh printed only {seen:?}"))?,
        );
    }
    wait_for_port(port, Duration::from_secs(10), "scripts/run.sh")?;
    Ok(Running {
        _server: server,
        printed: seen,
        state,
    })
}

fn stored(state: &Path) -> Result<model::Document> {
    Ok(model::load(&std::fs::read(state.join("data/team.json"))?)?)
}

#[tokio::test]
async fn the_readmes_first_command_gives_a_survey_to_answer() -> Result {
    let running = run_sh(&[], free_port())?;
    let take = running.link("Take:")?;
    assert!(take.starts_with("http://127.0.0.1:"), "{take}");
    assert!(
        running.state.join("team.key").exists(),
        "the results key beside the data"
    );
    let before = stored(&running.state)?;
    assert!(
        before.is_sealed() && before.open_round().is_some(),
        "sealed, a round open"
    );

    let phone = Browser::start(Screen::Phone).await?;
    phone.open(&take).await?;
    phone.answer("safety-2", 6).await?;
    phone.find("submit").await?.scroll_into_view().await?;
    phone.click("submit").await?;
    let done = phone.text("submitted").await?;
    assert!(done.contains("saved to the team file"), "{done}");
    phone.quit().await?;
    let after = stored(&running.state)?;
    assert_eq!(after.sealed_answers.len(), 1, "the answer arrived, sealed");
    assert!(after.responses.is_empty(), "and nothing in plain text");
    Ok(())
}

#[tokio::test]
async fn on_the_lan_phones_get_https_and_plain_http_stays_local() -> Result {
    // (A machine with no network address has no LAN to serve: run.sh says so and stops.)
    let addresses = Command::new("hostname").arg("-I").output()?;
    if String::from_utf8_lossy(&addresses.stdout).trim().is_empty() {
        eprintln!("not run: this machine has no network address for --lan");
        return Ok(());
    }
    let port = free_port();
    let running = run_sh(&["--lan"], port)?;
    let take = running.link("Take:")?;
    assert!(take.starts_with("https://"), "{take}");
    let origin = take.split("/#").next().unwrap_or_default().to_owned();
    let address = origin
        .trim_start_matches("https://")
        .split(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(
        running
            .printed
            .iter()
            .any(|l| l.contains("SHA-256 fingerprint")),
        "says how a phone checks the certificate: {:?}",
        running.printed
    );

    // A phone that installed the certificate authority reads the app and the file over TLS.
    let pem = std::fs::read(running.state.join("tls/ca.pem"))?;
    let certificates = ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect::<Vec<_>>();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(
            certificates,
        )))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .build()
        .into();
    let page = agent.get(&format!("{origin}/")).call()?;
    assert_eq!(page.status(), 200);
    let file = agent.get(&format!("{origin}/data/team.json")).call()?;
    assert_eq!(file.status(), 200);
    assert_eq!(
        file.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );

    // Plain HTTP answers on this computer only, not on the network address.
    assert!(
        std::net::TcpStream::connect((address.as_str(), port)).is_err(),
        "plain HTTP on {address}:{port} reaches the network"
    );
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    Ok(())
}
