//! In-memory twins of the ports, for native tests, benches and command-line tools.
//!
//! Values go through `serde_json::Value`, just as the browser's store keeps structured clones,
//! so a type that would not survive the real store does not survive here either.

use crate::date::Instant;
use crate::ports::{Clock, Random, RandomError, Storage, StorageError};
use serde::{Serialize, de::DeserializeOwned};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// A store held in memory; it can be told to fail, to test that failures lose nothing.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    values: RefCell<BTreeMap<String, serde_json::Value>>,
    failing: Cell<bool>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// From now on every call fails (`true`) or works again (`false`).
    pub fn set_failing(&self, failing: bool) {
        self.failing.set(failing);
    }

    /// Puts a raw value in place, as a corrupt or foreign store would hold it.
    pub fn put_raw(&self, key: &str, value: serde_json::Value) {
        self.values.borrow_mut().insert(key.to_owned(), value);
    }

    /// A copy of everything stored, for assertions.
    pub fn snapshot(&self) -> BTreeMap<String, serde_json::Value> {
        self.values.borrow().clone()
    }

    fn check(&self) -> Result<(), StorageError> {
        if self.failing.get() {
            Err(StorageError("the store is unavailable".into()))
        } else {
            Ok(())
        }
    }
}

fn decode<T: DeserializeOwned>(key: &str, value: serde_json::Value) -> Result<T, StorageError> {
    serde_json::from_value(value).map_err(|e| StorageError(format!("{key}: {e}")))
}

impl Storage for MemoryStorage {
    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        self.check()?;
        let value = self.values.borrow().get(key).cloned();
        value.map(|v| decode(key, v)).transpose()
    }

    async fn get_with_prefix<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        self.check()?;
        let matching: Vec<(String, serde_json::Value)> = self
            .values
            .borrow()
            .range(prefix.to_owned()..)
            .take_while(|(key, _)| key.starts_with(prefix))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        matching
            .into_iter()
            .map(|(key, value)| decode(&key, value).map(|v| (key, v)))
            .collect()
    }

    async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        self.check()?;
        let value = serde_json::to_value(value).map_err(|e| StorageError(e.to_string()))?;
        self.values.borrow_mut().insert(key.to_owned(), value);
        Ok(())
    }

    async fn set_many<T: Serialize>(&self, entries: &[(String, T)]) -> Result<(), StorageError> {
        self.check()?;
        let values = entries
            .iter()
            .map(|(key, value)| serde_json::to_value(value).map(|v| (key.clone(), v)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| StorageError(e.to_string()))?;
        self.values.borrow_mut().extend(values);
        Ok(())
    }

    async fn remove(&self, keys: &[String]) -> Result<(), StorageError> {
        self.check()?;
        let mut values = self.values.borrow_mut();
        for key in keys {
            values.remove(key);
        }
        Ok(())
    }
}

/// A clock that shows whatever time the test sets.
#[derive(Debug)]
pub struct FixedClock(Cell<Instant>);

impl FixedClock {
    /// A clock stopped at `instant`.
    pub fn new(instant: Instant) -> FixedClock {
        FixedClock(Cell::new(instant))
    }

    /// Moves the clock to `instant`.
    pub fn set(&self, instant: Instant) {
        self.0.set(instant);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Instant {
        self.0.get()
    }
}

/// A random source for tests: bytes from a seed (SplitMix64), the same seed giving the same bytes,
/// never secret. It can be told to fail, to test that a failed draw refuses what used it.
#[derive(Debug)]
pub struct SeededRandom {
    state: Cell<u64>,
    failing: Cell<bool>,
}

impl SeededRandom {
    /// A source that starts from `seed`.
    pub fn new(seed: u64) -> SeededRandom {
        SeededRandom {
            state: Cell::new(seed),
            failing: Cell::new(false),
        }
    }

    /// From now on every draw fails (`true`) or works again (`false`).
    pub fn set_failing(&self, failing: bool) {
        self.failing.set(failing);
    }

    fn next(&self) -> u64 {
        let state = self.state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.state.set(state);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Random for SeededRandom {
    fn fill(&self, bytes: &mut [u8]) -> Result<(), RandomError> {
        if self.failing.get() {
            return Err(RandomError("told to fail".into()));
        }
        for chunk in bytes.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            for (byte, drawn) in chunk.iter_mut().zip(word) {
                *byte = drawn;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_random_repeats_its_seed_and_fails_when_told() {
        let draw = |random: &SeededRandom| {
            let mut bytes = [0u8; 20];
            random.fill(&mut bytes).map(|()| bytes)
        };
        let (a, b) = (SeededRandom::new(7), SeededRandom::new(7));
        let first = draw(&a);
        assert_eq!(first, draw(&b));
        assert_ne!(first, draw(&a), "the stream moves on");
        assert_ne!(draw(&SeededRandom::new(8)), draw(&SeededRandom::new(7)));
        a.set_failing(true);
        assert!(draw(&a).is_err());
    }
}
