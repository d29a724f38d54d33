//! SeaweedFS's S3 gateway on loopback, for the shared-file protocol on object storage.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::server::{Guard, Result, free_port, wait_for_port};

/// A free port `p` such that `p + 10000` is free too (SeaweedFS puts each service's gRPC port
/// there).
fn free_port_with_grpc() -> u16 {
    loop {
        let port = free_port();
        if port <= 55_535 && TcpListener::bind(("127.0.0.1", port + 10_000)).is_ok() {
            return port;
        }
    }
}

/// SeaweedFS (`weed server` with its S3 gateway) on loopback, with one bucket: S3-compatible
/// storage with conditional PutObject, for the same protocol as WebDAV.
pub struct S3 {
    /// URL of the bucket, e.g. `http://127.0.0.1:PORT/candor`.
    pub bucket: String,
    state: PathBuf,
    guard: Option<Guard>,
    /// One SeaweedFS at a time: it still has services on fixed ports, so two could clash.
    _exclusive: MutexGuard<'static, ()>,
}

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

impl Drop for S3 {
    fn drop(&mut self) {
        drop(self.guard.take());
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

impl S3 {
    /// Starts SeaweedFS, up to three times: on a busy machine one of the ports it picks for
    /// itself can be taken between our check and its bind, or its services can start too
    /// slowly; each failure is reported with the end of its log.
    pub fn start() -> Result<Self> {
        let exclusive = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Self::launch() {
                Ok((bucket, state, guard)) => {
                    return Ok(Self {
                        bucket,
                        state,
                        guard: Some(guard),
                        _exclusive: exclusive,
                    });
                }
                Err(e) => {
                    eprintln!("SeaweedFS did not start: {e}");
                    failures.push(e.to_string());
                }
            }
        }
        Err(failures.join("\n").into())
    }

    fn launch() -> Result<(String, PathBuf, Guard)> {
        let weed = std::env::var("CANDOR_WEED").unwrap_or_else(|_| "weed".to_owned());
        let s3 = free_port_with_grpc();
        let (master, volume, filer) = (
            free_port_with_grpc(),
            free_port_with_grpc(),
            free_port_with_grpc(),
        );
        let state = std::env::temp_dir().join(format!("candor-s3-{}-{s3}", std::process::id()));
        std::fs::create_dir_all(&state)?;
        let log = std::fs::File::create(state.join("weed.log"))?;
        let child = Command::new(&weed)
            .arg("server")
            .arg(format!("-dir={}", state.display()))
            .args([
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-master.telemetry=false",
            ])
            .args(["-master.volumeSizeLimitMB=64", "-volume.max=100", "-s3"])
            // Its Iceberg and Lance catalogues listen on fixed ports (8181, 9101) by default:
            // off, so nothing else on the machine, or a SeaweedFS still stopping, can clash.
            .args(["-s3.port.iceberg=0", "-s3.port.lance=0"])
            .arg(format!("-master.port={master}"))
            .arg(format!("-volume.port={volume}"))
            .arg(format!("-filer.port={filer}"))
            .arg(format!("-s3.port={s3}"))
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {weed} (run scripts/setup.sh): {e}"))?;
        let guard = Guard {
            child,
            name: "seaweedfs",
        };
        if let Err(e) = wait_for_port(s3, Duration::from_secs(60), "the SeaweedFS S3 gateway") {
            return Err(give_up(guard, &state, e.to_string()));
        }
        let bucket = format!("http://127.0.0.1:{s3}/candor");
        // The gateway answers before the filer behind it is ready; retry creating the bucket.
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let start = Instant::now();
        loop {
            let status = agent
                .put(&bucket)
                .send_empty()
                .map(|r| r.status().as_u16())
                .unwrap_or(0);
            if status == 200 {
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let why = format!("could not create the bucket (last status {status})");
                return Err(give_up(guard, &state, why));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok((bucket, state, guard))
    }
}

/// Stops a SeaweedFS that did not come up and says why, with the end of its log.
fn give_up(guard: Guard, state: &Path, why: String) -> Box<dyn std::error::Error + Send + Sync> {
    drop(guard);
    let log = std::fs::read_to_string(state.join("weed.log")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(state);
    let lines: Vec<&str> = log.lines().collect();
    let tail = lines[lines.len().saturating_sub(15)..].join("\n");
    format!("{why}; the end of its log:\n{tail}").into()
}
