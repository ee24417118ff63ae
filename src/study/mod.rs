//! Research studies (issue 7): the one opt-in exception to "nothing leaves the browser".
//!
//! A study publishes a [`manifest`] (who, why, what exactly, how often, until when, where to, and
//! its public key). The participant's [`consent`] is stored per manifest version. Each period, a
//! [`report`] holds the ledger's totals for the requested fields only, as canonical bytes that are
//! both what the participant previews and exactly what [`envelope`] seals with HPKE (RFC 9180) to
//! the study's key. The researcher's side — the inbox (`tacheron collect`) and the toolkit
//! (`tacheron study …`) — reads the same formats natively ([`toolkit`]).
//!
//! Everything here is pure logic: the randomness comes in as an argument, dates and the ledger
//! too, so it is tested natively and compiled unchanged into the service worker's module.

pub mod consent;
pub mod delivery;
pub mod envelope;
pub mod manifest;
pub mod participation;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod toolkit;

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

/// The system's random source — the OS natively, `crypto.getRandomValues` in the browser — that
/// never panics: a failure is remembered, and [`SystemRandom::check`] then refuses whatever was
/// made with the bytes drawn.
#[derive(Debug, Default)]
pub struct SystemRandom {
    failed: bool,
}

impl SystemRandom {
    /// A fresh source.
    pub fn new() -> SystemRandom {
        SystemRandom::default()
    }

    /// `Err` if any draw failed: whatever used this source must then be thrown away.
    pub fn check(&self) -> Result<(), String> {
        if self.failed {
            Err("the system's random source failed".to_owned())
        } else {
            Ok(())
        }
    }
}

impl rand_core::RngCore for SystemRandom {
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
        if rand_core::TryRngCore::try_fill_bytes(&mut rand_core::OsRng, dest).is_err() {
            self.failed = true;
            dest.fill(0);
        }
    }
}

impl rand_core::CryptoRng for SystemRandom {}

/// A fresh random id of 16 bytes as 32 hex digits (report ids, pseudonymous participant ids).
pub fn random_id<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    to_hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_anything_else() {
        assert_eq!(to_hex(&[0, 0xab, 0x7f]), "00ab7f");
        assert_eq!(from_hex("00ab7f"), Some(vec![0, 0xab, 0x7f]));
        for bad in ["0", "0g", "AB", "ab ", "é0"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn random_ids_differ() {
        let mut rng = SystemRandom::new();
        assert_ne!(random_id(&mut rng), random_id(&mut rng));
        assert_eq!(random_id(&mut rng).len(), 32);
        assert!(rng.check().is_ok());
    }
}
