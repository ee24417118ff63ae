//! The researcher's inbox (`tacheron collect`; native only): an HTTP API that takes sealed
//! reports for the studies it is configured with and stores them durably, without ever holding
//! the private key (docs/inbox-api.md).
//!
//! What it checks before storing: the body's size, the envelope's layout, that the study is one
//! of its own, the client's rate, and replays (one report id, one envelope). It cannot read a
//! report, and does not need to.

pub mod rate;
pub mod server;
pub mod store;
