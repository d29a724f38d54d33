//! Test servers: lighttpd + mod_webdav on a free loopback port, from the config the project
//! ships (deploy/lighttpd.conf) or a given one, stopped when dropped, also when a test fails.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The repository root: where `cargo test` runs this binary from (it sets the variable at run
/// time too). The value built in is only the fallback, since a binary reused from a build in
/// another checkout of the same cache would carry that checkout's path.
pub fn root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

/// A child process that is killed when dropped, with every process it started (chromedriver
/// starts Chromium, which would otherwise outlive a test that failed before closing it).
pub struct Guard {
    pub child: Child,
    pub name: &'static str,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let started = descendants(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in started {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        eprintln!("stopped {} (pid {})", self.name, self.child.id());
    }
}

/// The processes below `pid` (children, their children, ...), from /proc.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "pid (name) state ppid ...": the name may hold spaces, so split after ')'.
            let parent = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((child, parent))
        })
        .collect();
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Waits until something accepts connections on `port`, or fails after `limit`.
pub fn wait_for_port(port: u16, limit: Duration, what: &str) -> Result {
    let start = Instant::now();
    while start.elapsed() < limit {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{what} did not start on port {port} within {limit:?}").into())
}

/// lighttpd + mod_webdav serving the built app at / and a writable data folder at /data/,
/// from the same config the project ships (deploy/lighttpd.conf), or from another config with
/// the same placeholders ([`Server::start_from`]).
pub struct Server {
    pub base: String,
    /// The one origin the config allows in CORS (`@APP_ORIGIN@`).
    #[allow(dead_code)] // read by the shared-file tests only
    pub app_origin: String,
    pub data: PathBuf,
    state: PathBuf,
    guard: Option<Guard>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Stop the server first, then remove its files.
        drop(self.guard.take());
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

impl Server {
    /// Stops the server (as the office network going away); its files stay until dropped.
    #[allow(dead_code)] // the shared-file tests, which also include this module, stop none
    pub fn stop(&mut self) {
        drop(self.guard.take());
    }

    /// Starts the server again after [`Server::stop`], on the same port, with the same config
    /// and files (as the office network coming back).
    #[allow(dead_code)] // the shared-file tests, which also include this module, stop none
    pub fn resume(&mut self) -> Result {
        let port: u16 = self
            .base
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .ok_or("the server's address has no port")?;
        let child = Command::new("lighttpd")
            .arg("-D")
            .arg("-f")
            .arg(self.state.join("lighttpd.conf"))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start lighttpd again: {e}"))?;
        self.guard = Some(Guard {
            child,
            name: "lighttpd",
        });
        wait_for_port(port, Duration::from_secs(10), "lighttpd")
    }

    /// The shipped config, with the app served by this same server: the app's origin is the
    /// server's own.
    pub fn start(dist: &Path) -> Result<Self> {
        Self::start_with(dist, |config| config)
    }

    /// Starts lighttpd with the shipped config changed by `tweak` (e.g. a read-only share).
    pub fn start_with(dist: &Path, tweak: impl Fn(String) -> String) -> Result<Self> {
        Self::launch(&root().join("deploy/lighttpd.conf"), dist, None, tweak)
    }

    /// Starts lighttpd from the config file at `config` (e.g. the unsafe config kept in
    /// tests/fixtures/), with `app_origin` as the app's origin, or the server's own if `None`.
    #[allow(dead_code)] // used by the shared-file tests only
    pub fn start_from(dist: &Path, config: &Path, app_origin: Option<&str>) -> Result<Self> {
        Self::launch(config, dist, app_origin, |config| config)
    }

    fn launch(
        template: &Path,
        dist: &Path,
        app_origin: Option<&str>,
        tweak: impl Fn(String) -> String,
    ) -> Result<Self> {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let app_origin = app_origin.unwrap_or(&base).to_owned();
        let state = std::env::temp_dir().join(format!("candor-e2e-{}-{port}", std::process::id()));
        let data = state.join("data");
        std::fs::create_dir_all(&data)?;
        let template = std::fs::read_to_string(template)?;
        let config = tweak(
            template
                .replace("@HOST@", "127.0.0.1")
                .replace("@PORT@", &port.to_string())
                .replace("@DOCROOT@", &dist.display().to_string())
                .replace("@DATA@", &data.display().to_string())
                .replace("@STATE@", &state.display().to_string())
                .replace("@APP_ORIGIN@", &app_origin),
        );
        let config_path = state.join("lighttpd.conf");
        std::fs::write(&config_path, config)?;
        let child = Command::new("lighttpd")
            .arg("-D")
            .arg("-f")
            .arg(&config_path)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start lighttpd (run scripts/setup.sh): {e}"))?;
        let guard = Guard {
            child,
            name: "lighttpd",
        };
        wait_for_port(port, Duration::from_secs(10), "lighttpd")?;
        Ok(Self {
            base,
            app_origin,
            data,
            state,
            guard: Some(guard),
        })
    }
}
