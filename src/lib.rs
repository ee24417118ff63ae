//! Tâcheron's core: the pure logic behind the browser extension.
//!
//! The extension's content scripts observe the user's own actions on the big platforms and send
//! raw observations to the service worker, which hands them to this crate (compiled to
//! WebAssembly by `crates/worker`). The core decides what an observation means ([`classify`]),
//! keeps the counts in a durable day-by-day ledger ([`ledger`]) through the ports ([`ports`]),
//! estimates labour time and market value ([`estimate`]) from the sourced rate card ([`card`]) and
//! builds the dashboard's views, charts and the export ([`views`], [`charts`], [`summary`],
//! [`export`]). [`service`] ties these together behind the message protocol ([`protocol`]), and
//! names, besides each answer, what the worker must do in the browser ([`protocol::Effects`]).
//!
//! The core is plain Rust: no browser bindings, no database, no HTTP. The browser's side of the
//! ports lives in `crates/browser`; everything here runs and is tested natively with the
//! in-memory twins of [`memory`]. The classroom, research studies, the inbox and the command line
//! are crates of their own that build on this one (ARCHITECTURE.md).

pub mod captcha;
pub mod card;
pub mod charts;
pub mod classify;
pub mod date;
pub mod diagnostics;
pub mod estimate;
pub mod export;
pub mod guard;
pub mod hashtags;
pub mod import;
pub mod ledger;
pub mod memory;
pub mod model;
pub mod names;
pub mod ports;
pub mod protocol;
pub mod rules;
pub mod service;
pub mod settings;
pub mod summary;
pub mod views;
