//! SeaweedFS's S3 gateway on loopback, for the shared-file protocol on object storage.

use std::net::TcpListener;
use std::path::PathBuf;
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
    /// One SeaweedFS at a time: some of its services use fixed ports, so two clash.
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
    pub fn start() -> Result<Self> {
        let exclusive = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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
        wait_for_port(s3, Duration::from_secs(30), "the SeaweedFS S3 gateway")?;
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
            if start.elapsed() > Duration::from_secs(30) {
                return Err(format!("could not create the bucket (last status {status})").into());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(Self {
            bucket,
            state,
            guard: Some(guard),
            _exclusive: exclusive,
        })
    }
}
