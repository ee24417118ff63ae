//! The researchers' side of a study, natively: the inbox and the toolkit.
//!
//! The inbox (`tacheron collect`) is an HTTP API that takes sealed reports for the studies it is
//! configured with and stores them durably, without ever holding the private key
//! (docs/inbox-api.md): [`server`] on [`store`] (SQLite or PostgreSQL), with a rate limit per
//! client ([`rate`]). What it checks before storing: the body's size, the envelope's layout, that
//! the study is one of its own, the client's rate, and replays (one report id, one envelope). It
//! cannot read a report, and does not need to.
//!
//! The [`toolkit`] (`tacheron study decrypt | verify | aggregate`) reads the inbox's export
//! offline with the study's private key.

pub mod rate;
pub mod server;
pub mod store;
pub mod toolkit;
