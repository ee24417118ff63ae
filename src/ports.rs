//! Ports: the two things the core needs from its host, a clock and a key-value store.
//!
//! The browser implements them in [`crate::web`] (`Date`, `chrome.storage.local`); native tests
//! use the in-memory twins in [`crate::memory`]. Values cross the port as serde types, so the
//! core never builds or parses JSON text itself.

use crate::date::Instant;
use serde::{Serialize, de::DeserializeOwned};
use std::fmt;

/// Tells the time.
pub trait Clock {
    /// The current instant with the local UTC offset.
    fn now(&self) -> Instant;
}

/// Why the store failed: the message is shown to the user and in diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError(pub String);

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "storage: {}", self.0)
    }
}

impl std::error::Error for StorageError {}

/// A durable key-value store of structured values.
///
/// `set` resolves only once the value is durable: the service acknowledges an action after
/// `set` returns, so an action acknowledged is an action kept.
pub trait Storage {
    /// The value under `key`, if any. A stored value of the wrong shape is an error.
    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError>;
    /// Every key starting with `prefix`, with its value, in key order.
    async fn get_with_prefix<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError>;
    /// Stores `value` under `key`, replacing what was there.
    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError>;
    /// Stores every entry in one write: all of them or none.
    async fn set_many<T: Serialize>(&self, entries: &[(String, T)]) -> Result<(), StorageError>;
    /// Removes the keys (missing ones are ignored).
    async fn remove(&self, keys: &[String]) -> Result<(), StorageError>;
}
