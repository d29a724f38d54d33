//! End-to-end harness: real servers on free loopback ports, stopped on drop (also when a test
//! fails), and a Chromium session driven through chromedriver. Helpers are split into act
//! (do what a user does), find (locate what a user sees) and check (assert what must hold).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;
use thirtyfour::prelude::*;

pub use crate::server::{Guard, Result, Server, free_port, root, wait_for_port};

/// Screen sizes the app is checked at.
#[derive(Clone, Copy, Debug)]
pub enum Screen {
    Phone,
    Desktop,
    /// A meeting room's screen (1920 x 1080), for retro mode.
    Room,
    /// A projector (1280 x 720), for retro mode.
    Projector,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Desktop => "desktop",
            Self::Room => "screen1920",
            Self::Projector => "projector1280",
        }
    }
}

/// A Chromium session with its own chromedriver and profile.
pub struct Browser {
    pub driver: WebDriver,
    // Dropped in this order: the session, chromedriver with the Chromium it started, then
    // the profile's folder.
    _chromedriver: Guard,
    _profile: Profile,
}

/// A Chromium profile folder of one browser's own, removed when the browser goes. A profile
/// keeps preferences (the languages a person prefers), storage and service workers: one named
/// after chromedriver's port alone was found again when a later browser got the same port,
/// and a phone of one test spoke the German of another's.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Result<Self> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("candor-chromium-{}-{n}", std::process::id()));
        // Left by an earlier run of a process with this id: never reused.
        if path.exists() {
            std::fs::remove_dir_all(&path)?;
        }
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    pub async fn start(screen: Screen) -> Result<Self> {
        Self::start_speaking(screen, None).await
    }

    /// A browser whose person prefers `languages` (e.g. "de-DE,de": `navigator.languages`
    /// and the `Accept-Language` header), or the machine's default with `None`.
    pub async fn start_speaking(screen: Screen, languages: Option<&str>) -> Result<Self> {
        let port = free_port();
        let child = Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start chromedriver (run scripts/setup.sh): {e}"))?;
        let guard = Guard {
            child,
            name: "chromedriver",
        };
        wait_for_port(port, Duration::from_secs(10), "chromedriver")?;

        let profile = Profile::new()?;
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary("/usr/bin/chromium")?;
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
        ] {
            caps.add_arg(arg)?;
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.0.display()))?;
        if let Some(languages) = languages {
            caps.add_experimental_option(
                "prefs",
                serde_json::json!({ "intl": { "accept_languages": languages } }),
            )?;
        }
        // A chromedriver that just opened its port may still drop the first session request
        // when several start at once on a small machine: try again, briefly.
        let mut attempt = 0;
        let driver = loop {
            match WebDriver::new(format!("http://127.0.0.1:{port}"), caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if attempt < 3 => {
                    eprintln!("chromedriver on port {port} not ready ({e}); trying again");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let browser = Self {
            driver,
            _chromedriver: guard,
            _profile: profile,
        };
        browser.emulate(screen).await?;
        browser.record_csp_violations().await?;
        Ok(browser)
    }

    /// Sends a raw Chrome DevTools Protocol command.
    async fn devtools(&self, method: &str, params: serde_json::Value) -> Result {
        self.driver.cdp().send_raw(method, params).await?;
        Ok(())
    }

    /// The page's accessibility tree as Chromium gives it to screen readers: the nodes that
    /// are not ignored, each with its role, name and children (CDP `Accessibility`).
    pub async fn accessibility_tree(&self) -> Result<Vec<serde_json::Value>> {
        self.devtools("Accessibility.enable", json!({})).await?;
        let tree = self
            .driver
            .cdp()
            .send_raw("Accessibility.getFullAXTree", json!({}))
            .await?;
        Ok(tree["nodes"].as_array().cloned().unwrap_or_default())
    }

    async fn emulate(&self, screen: Screen) -> Result {
        let (width, height, scale, mobile) = match screen {
            Screen::Phone => (360, 740, 2, true),
            Screen::Desktop => (1280, 800, 1, false),
            Screen::Room => (1920, 1080, 1, false),
            Screen::Projector => (1280, 720, 1, false),
        };
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile}),
        )
        .await
    }

    /// Every page this session opens records Content-Security-Policy violations and layout
    /// shifts (with the element that moved).
    async fn record_csp_violations(&self) -> Result {
        self.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); \
                window.__shifts = []; new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push([e.value, e.sources.map(s => s.node && s.node.outerHTML ? s.node.outerHTML.slice(0, 80) : String(s.node))]); }).observe({type: 'layout-shift', buffered: true});"}),
        )
        .await
    }

    /// From the next page on, every task longer than 50 ms on the page's main thread is
    /// recorded in `window.__long` as `[start, duration]` in milliseconds (the Long Tasks
    /// API); and every animation frame over 50 ms in `window.__frames` as `[start, duration,
    /// rendering before style, style and layout, scripts]` (the Long Animation Frames API).
    pub async fn record_long_tasks(&self) -> Result {
        self.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "window.__long = []; new PerformanceObserver(list => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true}); \
                window.__frames = []; try { new PerformanceObserver(list => { for (const e of list.getEntries()) window.__frames.push([e.startTime, e.duration, e.renderStart ? e.styleAndLayoutStart - e.renderStart : 0, e.renderStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0, e.scripts.reduce((t, s) => t + s.duration, 0)]); }).observe({type: 'long-animation-frame', buffered: true}); } catch (_) {}"}),
        )
        .await
    }

    /// Cuts (or restores) the page's network, as a phone losing its signal. Only the page's:
    /// the switch does not reach its workers (the sealer worker writes the answers), so a test
    /// of a phone offline also stops the server ([`Server::stop`], then [`Server::resume`]).
    pub async fn set_offline(&self, offline: bool) -> Result {
        self.devtools("Network.enable", json!({})).await?;
        self.devtools(
            "Network.emulateNetworkConditions",
            json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await
    }

    /// Slows the page's CPU (and its workers') by `rate`, as a mid-range phone (4) would be.
    pub async fn throttle_cpu(&self, rate: f64) -> Result {
        self.devtools("Emulation.setCPUThrottlingRate", json!({"rate": rate}))
            .await
    }

    /// Adds `latency_ms` to every request, as a slow mobile network: what a page shows while
    /// it waits is then certainly painted.
    pub async fn slow_network(&self, latency_ms: u32) -> Result {
        self.devtools("Network.enable", json!({})).await?;
        self.devtools(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await
    }

    /// From the next page on, every `fetch` the page makes is recorded in `window.__fetches`
    /// as `{path, by}`: `by` is "app" when the app (its wasm, through its glue script) made it
    /// and "page" when a script of the page itself did, told apart by the glue script's file
    /// on the call stack.
    pub async fn record_fetches(&self) -> Result {
        self.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "window.__fetches = []; const candorFetch = window.fetch; \
                window.fetch = function (input, init) { \
                  const url = new URL(input instanceof Request ? input.url : input, location.href); \
                  const by = /\\/candor-[a-z]+-[0-9a-f]+\\.js/.test(new Error().stack) ? 'app' : 'page'; \
                  window.__fetches.push({ path: url.pathname, by }); \
                  return candorFetch.apply(this, arguments); };"}),
        )
        .await
    }

    /// Switches the page to the dark colour scheme, as a phone in dark mode.
    pub async fn prefer_dark(&self) -> Result {
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
        )
        .await
    }

    /// Saves this session's downloads into `dir`.
    pub async fn download_into(&self, dir: &std::path::Path) -> Result {
        self.devtools(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir.display().to_string()}),
        )
        .await
    }

    pub async fn quit(self) -> Result {
        self.driver.clone().quit().await?;
        Ok(())
    }

    // ---- act ----

    pub async fn open(&self, url: &str) -> Result {
        self.driver.goto(url).await?;
        Ok(())
    }

    /// Clicks the link with this text, once it is on the page (a page may still be drawing).
    pub async fn click_link(&self, text: &str) -> Result {
        self.driver
            .query(By::LinkText(text))
            .wait(Duration::from_secs(15), Duration::from_millis(50))
            .first()
            .await
            .map_err(|e| format!("link {text:?} not found: {e}"))?
            .click()
            .await?;
        Ok(())
    }

    pub async fn click(&self, testid: &str) -> Result {
        self.find(testid).await?.click().await?;
        Ok(())
    }

    /// Chooses `value` for `question`, as a tap would.
    pub async fn answer(&self, question: &str, value: u8) -> Result {
        self.click(&format!("answer-{question}-{value}")).await
    }

    pub async fn type_comment(&self, text: &str) -> Result {
        self.find("comment").await?.send_keys(text).await?;
        Ok(())
    }

    /// Presses `key` (e.g. `Key::Tab`, or text) on whatever has the keyboard focus.
    pub async fn press(&self, key: impl Into<thirtyfour::common::keys::TypingData>) -> Result {
        self.driver.active_element().await?.send_keys(key).await?;
        Ok(())
    }

    /// What has the keyboard focus: "tag#testid[name=value]", for following a Tab walk.
    pub async fn focused(&self) -> Result<String> {
        let described = self
            .eval(
                "const e = document.activeElement; \
                 return e.tagName.toLowerCase() + '#' + (e.dataset.testid || '') + \
                 (e.name ? '[' + e.name + '=' + e.value + ']' : '');",
            )
            .await?;
        Ok(described.as_str().unwrap_or_default().to_owned())
    }

    pub async fn reload(&self) -> Result {
        self.driver.refresh().await?;
        Ok(())
    }

    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let dir = root().join("screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        self.driver.screenshot(&path).await?;
        Ok(path)
    }

    // ---- find ----

    /// Waits (bounded) for the element with this `data-testid`.
    pub async fn find(&self, testid: &str) -> Result<WebElement> {
        let element = self
            .driver
            .query(By::Css(format!("[data-testid=\"{testid}\"]")))
            .wait(Duration::from_secs(15), Duration::from_millis(50))
            .first()
            .await
            .map_err(|e| format!("[data-testid={testid}] not found: {e}"))?;
        Ok(element)
    }

    pub async fn text(&self, testid: &str) -> Result<String> {
        Ok(self.find(testid).await?.text().await?)
    }

    pub async fn exists(&self, testid: &str) -> Result<bool> {
        Ok(!self
            .driver
            .find_all(By::Css(format!("[data-testid=\"{testid}\"]")))
            .await?
            .is_empty())
    }

    pub async fn eval(&self, script: &str) -> Result<serde_json::Value> {
        Ok(self.driver.execute(script, vec![]).await?.json().clone())
    }

    /// Runs `script`, which calls `done(value)` when its promise settles, and returns `value`.
    pub async fn eval_async(&self, script: &str) -> Result<serde_json::Value> {
        let script = format!("const done = arguments[arguments.length - 1];\n{script}");
        Ok(self
            .driver
            .execute_async(&script, vec![])
            .await?
            .json()
            .clone())
    }

    // ---- check ----

    /// The page never scrolls sideways.
    pub async fn check_no_horizontal_scroll(&self) -> Result {
        let widths = self
            .eval("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await?;
        let (scroll, inner) = (widths[0].as_i64(), widths[1].as_i64());
        if scroll > inner {
            return Err(format!("page scrolls horizontally: {scroll:?} > {inner:?}").into());
        }
        Ok(())
    }

    /// Nothing moved while the page loaded: the cumulative layout shift is below 0.02 (the
    /// product's goal; it depends on layout only, not on timing).
    pub async fn check_layout_stable(&self) -> Result {
        let shifts = self.eval("return window.__shifts || [];").await?;
        let total: f64 = shifts
            .as_array()
            .map(|all| all.iter().filter_map(|s| s[0].as_f64()).sum())
            .unwrap_or(0.0);
        if total >= 0.02 {
            return Err(format!("layout shifted by {total:.3} while loading: {shifts}").into());
        }
        Ok(())
    }

    /// Nothing was blocked by the Content-Security-Policy.
    pub async fn check_no_csp_violations(&self) -> Result {
        let violations = self.eval("return window.__csp || [];").await?;
        if violations.as_array().is_some_and(|v| !v.is_empty()) {
            return Err(format!("Content-Security-Policy violations: {violations}").into());
        }
        Ok(())
    }

    /// axe-core finds no accessibility violations on the current page.
    pub async fn check_accessibility(&self) -> Result {
        let tools = std::env::var("CANDOR_TOOLS")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/candor/tools")
            });
        let axe = std::fs::read_to_string(tools.join("node_modules/axe-core/axe.min.js"))
            .map_err(|e| format!("axe-core missing (run scripts/setup.sh): {e}"))?;
        // Injected through the driver, which is not subject to the page's CSP.
        self.driver.execute(&axe, vec![]).await?;
        let result = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        let violations = result.json().clone();
        if violations.as_array().is_some_and(|v| !v.is_empty()) {
            return Err(format!("accessibility violations: {violations}").into());
        }
        Ok(())
    }
}
