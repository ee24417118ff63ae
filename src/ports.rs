//! Ports: what the core needs from its host — a clock, a key-value store and a random source.
//!
//! The browser implements them in `crates/browser` (`Date`, `chrome.storage`,
//! `crypto.getRandomValues`); native tests use the in-memory twins in [`crate::memory`]. Values
//! cross the storage port as serde types, so the core never builds or parses JSON text itself.

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

/// A port borrowed is the same port: two services can share one store and one clock (the
/// studies' service and the worker's core, natively in tests).
impl<T: Clock + ?Sized> Clock for &T {
    fn now(&self) -> Instant {
        (**self).now()
    }
}

impl<T: Storage + ?Sized> Storage for &T {
    async fn get<V: DeserializeOwned>(&self, key: &str) -> Result<Option<V>, StorageError> {
        (**self).get(key).await
    }
    async fn get_with_prefix<V: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, V)>, StorageError> {
        (**self).get_with_prefix(prefix).await
    }
    async fn set<V: Serialize>(&self, key: &str, value: &V) -> Result<(), StorageError> {
        (**self).set(key, value).await
    }
    async fn set_many<V: Serialize>(&self, entries: &[(String, V)]) -> Result<(), StorageError> {
        (**self).set_many(entries).await
    }
    async fn remove(&self, keys: &[String]) -> Result<(), StorageError> {
        (**self).remove(keys).await
    }
}

/// The key under which research studies (`crates/study`) keep their state in the durable store.
/// The worker's core only needs to know whether it is there (to wake the report queue) and to
/// remove it when the user deletes everything.
pub const STUDIES_KEY: &str = "studies";

/// Why the random source failed: whatever was being made with it must be thrown away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomError(pub String);

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "random source: {}", self.0)
    }
}

impl std::error::Error for RandomError {}

/// A source of cryptographically secure random bytes (report ids, pseudonyms, HPKE's ephemeral
/// keys).
pub trait Random {
    /// Fills `bytes`, or fails; on failure the bytes must not be used.
    fn fill(&self, bytes: &mut [u8]) -> Result<(), RandomError>;
}
