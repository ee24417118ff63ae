//! Research studies (issue 7): the one opt-in exception to "nothing leaves the browser".
//!
//! A study publishes a [`manifest`] (who, why, what exactly, how often, until when, where to, and
//! its public key). The participant's [`consent`] is stored per manifest version. Each period, a
//! [`report`] holds the ledger's totals for the requested fields only, as canonical bytes that are
//! both what the participant previews and exactly what [`envelope`] seals with HPKE (RFC 9180) to
//! the study's key. [`participation`] keeps the participant's studies and the outgoing queue, and
//! [`delivery`] reads the inbox's answers. [`service`] answers the study pages and the worker's
//! delivery loop ([`protocol`]). The researchers' side — the inbox and the toolkit
//! (`crates/inbox`) — reads the same formats natively.
//!
//! Everything here is pure logic on the core's ports: storage, the clock and the random source,
//! plus a narrow port to the ledger's days ([`service::LedgerDays`]), which the worker's core
//! owns. It is tested natively and compiled unchanged into the studies' WebAssembly module
//! (`crates/study-web`).

use tacheron::ports::Random;

pub mod consent;
pub mod delivery;
pub mod envelope;
pub mod manifest;
pub mod participation;
pub mod protocol;
pub mod report;
pub mod service;

/// Lower-case hexadecimal of some bytes (ids, keys).
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

/// Bytes from lower-case hexadecimal (an odd length or any other character gives `None`).
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some(digit(*high)? << 4 | digit(*low)?),
            _ => None,
        })
        .collect()
}

/// A [`Random`] port as the generator HPKE and the ids draw from (rand_core's traits). It never
/// panics: a failed draw is remembered, and [`PortRng::check`] then refuses whatever was made with
/// the bytes drawn.
#[derive(Debug)]
pub struct PortRng<'a, R: ?Sized> {
    random: &'a R,
    failed: bool,
}

impl<'a, R: Random + ?Sized> PortRng<'a, R> {
    /// A generator drawing from `random`.
    pub fn new(random: &'a R) -> PortRng<'a, R> {
        PortRng {
            random,
            failed: false,
        }
    }

    /// `Err` if any draw failed: whatever used this generator must then be thrown away.
    pub fn check(&self) -> Result<(), String> {
        if self.failed {
            Err("the random source failed".to_owned())
        } else {
            Ok(())
        }
    }
}

impl<R: Random + ?Sized> rand_core::RngCore for PortRng<'_, R> {
    fn next_u32(&mut self) -> u32 {
        let mut bytes = [0u8; 4];
        self.fill_bytes(&mut bytes);
        u32::from_le_bytes(bytes)
    }

    fn next_u64(&mut self) -> u64 {
        let mut bytes = [0u8; 8];
        self.fill_bytes(&mut bytes);
        u64::from_le_bytes(bytes)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        if self.random.fill(dest).is_err() {
            self.failed = true;
            dest.fill(0);
        }
    }
}

impl<R: Random + ?Sized> rand_core::CryptoRng for PortRng<'_, R> {}

/// A fresh random id of 16 bytes as 32 hex digits (report ids, pseudonymous participant ids).
pub fn random_id<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    to_hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tacheron::memory::SeededRandom;

    #[test]
    fn hex_round_trips_and_refuses_anything_else() {
        assert_eq!(to_hex(&[0, 0xab, 0x7f]), "00ab7f");
        assert_eq!(from_hex("00ab7f"), Some(vec![0, 0xab, 0x7f]));
        for bad in ["0", "0g", "AB", "ab ", "é0"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn random_ids_differ_and_a_failed_draw_is_refused() {
        let random = SeededRandom::new(1);
        let mut rng = PortRng::new(&random);
        assert_ne!(random_id(&mut rng), random_id(&mut rng));
        assert_eq!(random_id(&mut rng).len(), 32);
        assert!(rng.check().is_ok());
        random.set_failing(true);
        assert_eq!(random_id(&mut rng), "0".repeat(32));
        assert!(rng.check().is_err());
    }
}
