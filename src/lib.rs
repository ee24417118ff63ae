//! Tâcheron's core: the pure logic behind the browser extension.
//!
//! The extension's content scripts observe the user's own actions on the big platforms and send
//! raw observations to the service worker, which hands them to this crate (compiled to
//! WebAssembly). The core decides what an observation means ([`classify`]), keeps the counts in a
//! durable day-by-day ledger ([`ledger`]) through a storage port ([`ports`]), estimates labour
//! time and market value ([`estimate`]) from the sourced rate card ([`card`]) and builds the dashboard's views and the export
//! ([`summary`], [`export`]). [`service`] ties these together behind the message protocol
//! ([`protocol`]).
//!
//! The [`classroom`] (a workshop of micro-tasks and class totals from share codes) reaches its
//! pages through a second WebAssembly module, `web_classroom` (feature `classroom`, built without
//! the default `worker` feature, so that it carries nothing of [`service`]).
//!
//! Only [`web`] (compiled for `wasm32` alone) touches browser APIs; everything else runs and is
//! tested natively with the in-memory twins in [`memory`].

pub mod captcha;
pub mod card;
pub mod charts;
pub mod classify;
// Natively (tests, tools) and in the classroom pages' module; not in the service worker's.
#[cfg(any(not(target_arch = "wasm32"), feature = "classroom"))]
pub mod classroom;
pub mod date;
pub mod diagnostics;
pub mod estimate;
pub mod export;
pub mod guard;
pub mod hashtags;
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod inbox;
pub mod ledger;
#[cfg(not(target_arch = "wasm32"))]
pub mod memory;
pub mod model;
pub mod ports;
pub mod protocol;
pub mod rules;
pub mod service;
pub mod settings;
pub mod study;
pub mod summary;
pub mod views;
// The worker's boundary; left out of the classroom pages' module (built without `worker`).
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod web;
#[cfg(all(target_arch = "wasm32", feature = "classroom"))]
pub mod web_classroom;
