//! The shared-file protocol's transport outside the browser: blocking HTTP with `ureq`, for
//! the `candor` tool and the native concurrency and fault tests.

use std::io::Read;
use std::time::Duration;

use super::StoreError;
use super::protocol::{Precondition, Probe, ProbeReply, Reply, Transport};
use crate::model::limits;

/// A blocking HTTP transport. Its futures never wait: each call completes before it returns,
/// so [`block_on`] drives them.
pub struct Http {
    agent: ureq::Agent,
}

impl Default for Http {
    fn default() -> Self {
        Self::with_timeout(Duration::from_secs(15))
    }
}

impl Http {
    pub fn with_timeout(timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            // The storage check's probes use WebDAV's methods (PROPFIND).
            .allow_non_standard_methods(true)
            .build()
            .into();
        Self { agent }
    }

    fn finish(
        url: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, StoreError> {
        let mut response = result.map_err(|e| map_error(url, e))?;
        let status = response.status().as_u16();
        let etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(limits::MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| StoreError::Unreachable(format!("{url} ({e})")))?;
        Ok(Reply { status, etag, body })
    }
}

fn map_error(url: &str, error: ureq::Error) -> StoreError {
    match error {
        ureq::Error::Timeout(_) => StoreError::Timeout,
        other => StoreError::Unreachable(format!("{url} ({other})")),
    }
}

impl Transport for Http {
    async fn get(&self, url: &str) -> Result<Reply, StoreError> {
        let result = self
            .agent
            .get(url)
            .header("Cache-Control", "no-store")
            .call();
        Self::finish(url, result)
    }

    async fn put(
        &self,
        url: &str,
        body: Vec<u8>,
        precondition: Precondition,
    ) -> Result<Reply, StoreError> {
        let request = self
            .agent
            .put(url)
            .header("Content-Type", "application/json");
        let (name, value) = precondition.header();
        let request = request.header(name, value);
        Self::finish(url, request.send(&body[..]))
    }

    async fn sleep(&self, millis: u32) {
        std::thread::sleep(Duration::from_millis(millis.into()));
    }
}

impl Probe for Http {
    async fn probe(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Option<ProbeReply>, StoreError> {
        let mut request = ureq::http::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let invalid = |e: ureq::http::Error| StoreError::Unreachable(format!("{url} ({e})"));
        let result = if body.is_empty() {
            self.agent.run(request.body(()).map_err(invalid)?)
        } else {
            self.agent.run(request.body(body).map_err(invalid)?)
        };
        let response = result.map_err(|e| map_error(url, e))?;
        let allow_origin = response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Some(ProbeReply {
            status: response.status().as_u16(),
            allow_origin,
        }))
    }
}

/// Runs a future that never waits (one driven by [`Http`]) to completion.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        // Not reached with `Http`; yield rather than spin hard if another transport is used.
        std::thread::yield_now();
    }
}
