//! Candor: anonymous team pulse surveys on psychological safety and alignment.
//!
//! The layers, from the bottom up (dependencies point one way):
//! - [`model`]: the shared survey file: types, loading, validation, merge (pure);
//! - [`stats`]: the statistics engine over a file (pure);
//! - [`chart`]: chart geometry and number formatting for the results view (pure);
//! - [`storage`]: the outbox and the shared-file protocol (pure), and their browser side;
//! - [`respond`]: the respondent's form and the submission it becomes (pure);
//! - [`route`]: hash routes (pure);
//! - [`share`]: the respondent link, its QR code and the iframe snippet (pure);
//! - [`components`], [`views`] and [`app`]: the Yew user interface;
//! - `cli` (native only): the `candor` command-line tool.

pub mod app;
pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod components;
pub mod model;
pub mod respond;
pub mod route;
pub mod share;
pub mod stats;
pub mod storage;
pub mod views;
