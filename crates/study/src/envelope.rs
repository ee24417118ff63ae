//! The sealed report on the wire: HPKE (RFC 9180) in mode Base with DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256 and ChaCha20-Poly1305, to the study's public key.
//!
//! Layout, version 1 (all that the inbox can read without the private key):
//!
//! ```text
//! "TCHS" | 0x01 | study id length (1 byte) | study id | report id (16 bytes)
//!        | encapsulated key (32 bytes) | ciphertext (the report's canonical bytes + 16-byte tag)
//! ```
//!
//! The study id is bound twice: in HPKE's `info` ([`Manifest::hpke_info`]) and, with the whole
//! header, as the AEAD's associated data; so is the report id, which must equal the one inside
//! the report. A changed byte anywhere, or another study's id, and the envelope does not open.

use crate::manifest::{Manifest, is_study_id};
use crate::report::Report;
use crate::{PortRng, from_hex, to_hex};
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem as _, OpModeR, OpModeS, Serializable};
use tacheron::ports::Random;

/// The first bytes of every envelope.
pub const ENVELOPE_MAGIC: &[u8; 4] = b"TCHS";
/// The envelope layout's version.
pub const ENVELOPE_VERSION: u8 = 1;
/// Bytes of an encapsulated key (X25519).
const ENCAPPED_LEN: usize = 32;
/// Bytes of the AEAD tag.
const TAG_LEN: usize = 16;

type Kem = X25519HkdfSha256;

/// An envelope's readable parts, as the inbox sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The study the report is for.
    pub study: String,
    /// The report's id (also inside the sealed report).
    pub report_id: [u8; 16],
    /// The encapsulated key.
    pub encapped: [u8; ENCAPPED_LEN],
    /// The sealed report.
    pub ciphertext: Vec<u8>,
}

impl Envelope {
    /// The header: every byte before the ciphertext, authenticated as associated data.
    fn header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 2 + self.study.len() + 16 + ENCAPPED_LEN);
        out.extend_from_slice(ENVELOPE_MAGIC);
        out.push(ENVELOPE_VERSION);
        // is_study_id keeps ids within 64 bytes.
        out.push(u8::try_from(self.study.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(self.study.as_bytes());
        out.extend_from_slice(&self.report_id);
        out.extend_from_slice(&self.encapped);
        out
    }

    /// The envelope's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header();
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// The report id as 32 hex digits.
    pub fn report_id_hex(&self) -> String {
        to_hex(&self.report_id)
    }

    /// Reads an envelope's layout (no key needed): magic, version, a valid study id, the ids and
    /// a ciphertext at least as long as its tag.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, String> {
        let bad = |what: &str| Err(format!("malformed envelope: {what}"));
        let Some((magic, rest)) = bytes.split_first_chunk::<4>() else {
            return bad("too short");
        };
        if magic != ENVELOPE_MAGIC {
            return bad("not a Tâcheron study envelope");
        }
        let Some((&version, rest)) = rest.split_first() else {
            return bad("too short");
        };
        if version != ENVELOPE_VERSION {
            return bad(&format!("unknown version {version}"));
        }
        let Some((&id_len, rest)) = rest.split_first() else {
            return bad("too short");
        };
        let Some((id, rest)) = rest.split_at_checked(usize::from(id_len)) else {
            return bad("too short");
        };
        let study = match std::str::from_utf8(id) {
            Ok(study) if is_study_id(study) => study.to_owned(),
            _ => return bad("invalid study id"),
        };
        let Some((report_id, rest)) = rest.split_first_chunk::<16>() else {
            return bad("too short");
        };
        let Some((encapped, ciphertext)) = rest.split_first_chunk::<ENCAPPED_LEN>() else {
            return bad("too short");
        };
        if ciphertext.len() < TAG_LEN {
            return bad("no ciphertext");
        }
        Ok(Envelope {
            study,
            report_id: *report_id,
            encapped: *encapped,
            ciphertext: ciphertext.to_vec(),
        })
    }
}

/// A study key pair: the private key (kept by the researchers only) and the public key (in the
/// manifest), 32 bytes each.
pub fn generate_key_pair<R: rand_core::CryptoRng + rand_core::RngCore>(
    rng: &mut R,
) -> ([u8; 32], [u8; 32]) {
    let (private, public) = Kem::gen_keypair(rng);
    (private.to_bytes().into(), public.to_bytes().into())
}

/// Seals `plaintext` for `study` to `public_key`, under `report_id`.
pub fn seal<R: rand_core::CryptoRng + rand_core::RngCore>(
    study: &str,
    public_key: &[u8; 32],
    report_id: [u8; 16],
    plaintext: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, String> {
    if !is_study_id(study) {
        return Err(format!("invalid study id {study:?}"));
    }
    let public = <Kem as hpke::Kem>::PublicKey::from_bytes(public_key)
        .map_err(|error| format!("the study's public key: {error}"))?;
    let mut envelope = Envelope {
        study: study.to_owned(),
        report_id,
        encapped: [0; ENCAPPED_LEN],
        ciphertext: Vec::new(),
    };
    // The encapsulated key is part of the header, so the associated data is the header without
    // it: the key is bound by HPKE itself.
    let aad = header_without_key(&envelope);
    let (encapped, ciphertext) = hpke::single_shot_seal::<ChaCha20Poly1305, HkdfSha256, Kem, _>(
        &OpModeS::Base,
        &public,
        &Manifest::hpke_info(study),
        plaintext,
        &aad,
        rng,
    )
    .map_err(|error| format!("sealing failed: {error}"))?;
    envelope.encapped = encapped.to_bytes().into();
    envelope.ciphertext = ciphertext;
    Ok(envelope.to_bytes())
}

fn header_without_key(envelope: &Envelope) -> Vec<u8> {
    let mut header = envelope.header();
    header.truncate(header.len() - ENCAPPED_LEN);
    header
}

/// Opens an envelope for `expected_study` with the study's private key: its readable parts and
/// the plaintext. Any other study id, key or changed byte is refused.
pub fn open(
    bytes: &[u8],
    expected_study: &str,
    private_key: &[u8; 32],
) -> Result<(Envelope, Vec<u8>), String> {
    let envelope = Envelope::parse(bytes)?;
    if envelope.study != expected_study {
        return Err(format!(
            "envelope for study {:?}, not {expected_study:?}",
            envelope.study
        ));
    }
    let private = <Kem as hpke::Kem>::PrivateKey::from_bytes(private_key)
        .map_err(|error| format!("the private key: {error}"))?;
    let encapped = <Kem as hpke::Kem>::EncappedKey::from_bytes(&envelope.encapped)
        .map_err(|error| format!("the encapsulated key: {error}"))?;
    let plaintext = hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, Kem>(
        &OpModeR::Base,
        &private,
        &encapped,
        &Manifest::hpke_info(&envelope.study),
        &envelope.ciphertext,
        &header_without_key(&envelope),
    )
    .map_err(|_| "the envelope does not open with this key (wrong key or altered)".to_owned())?;
    Ok((envelope, plaintext))
}

/// A report ready to go: the text the participant previews and the envelope that seals exactly
/// those bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sealed {
    /// The report's canonical text, to show as is.
    pub preview: String,
    /// The report id (also in the envelope's header).
    pub report_id: String,
    /// The envelope to post to the manifest's endpoint.
    pub envelope: Vec<u8>,
}

/// Seals a report to the manifest's key: the preview and the envelope come from one canonical
/// text, so what the participant sees is byte for byte what is encrypted.
pub fn seal_report(
    manifest: &Manifest,
    report: &Report,
    rng: &mut PortRng<'_, impl Random + ?Sized>,
) -> Result<Sealed, String> {
    report.check_against(manifest)?;
    let public_key = crate::manifest::public_key_bytes(&manifest.public_key)
        .ok_or_else(|| "the manifest's public key is invalid".to_owned())?;
    let report_id: [u8; 16] = from_hex(&report.report_id)
        .and_then(|id| id.try_into().ok())
        .ok_or_else(|| "the report id is not 32 hex digits".to_owned())?;
    let preview = report.to_canonical();
    let envelope = seal(
        &manifest.id,
        &public_key,
        report_id,
        preview.as_bytes(),
        rng,
    )?;
    rng.check()?;
    Ok(Sealed {
        preview,
        report_id: report.report_id.clone(),
        envelope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{REPORT_ID, first_week_report, manifest_with};
    use tacheron::memory::SeededRandom;

    /// A study's key pair, drawn from `seed`.
    fn study_keys(seed: u64) -> ([u8; 32], String) {
        let (private, public) = generate_key_pair(&mut PortRng::new(&SeededRandom::new(seed)));
        (private, to_hex(&public))
    }

    #[test]
    fn the_preview_is_byte_for_byte_what_the_envelope_seals() {
        let (private, public) = study_keys(1);
        let manifest = manifest_with(|v| v["public_key"] = serde_json::json!(public));
        let report = first_week_report(&manifest);
        let sealed = seal_report(&manifest, &report, &mut PortRng::new(&SeededRandom::new(9)))
            .expect("sealed");
        assert!(
            !sealed.envelope.windows(8).any(|w| w == b"youtube\""),
            "the envelope is not plain text"
        );
        let (envelope, plaintext) = open(&sealed.envelope, "labour-2027", &private).expect("opens");
        assert_eq!(plaintext, sealed.preview.as_bytes());
        assert_eq!(envelope.report_id_hex(), REPORT_ID);
        assert_eq!(Report::from_canonical(&plaintext), Ok(report));
    }

    #[test]
    fn a_wrong_key_a_changed_byte_or_another_study_does_not_open() {
        let (private, public) = study_keys(1);
        let public_bytes = crate::manifest::public_key_bytes(&public).expect("key");
        let envelope = seal(
            "labour-2027",
            &public_bytes,
            [7; 16],
            b"report",
            &mut PortRng::new(&SeededRandom::new(9)),
        )
        .expect("sealed");
        assert_eq!(
            open(&envelope, "labour-2027", &private).expect("opens").1,
            b"report"
        );
        let (other_private, _) = study_keys(2);
        assert!(open(&envelope, "labour-2027", &other_private).is_err());
        for index in 0..envelope.len() {
            let mut tampered = envelope.clone();
            tampered[index] ^= 0x01;
            assert!(
                open(&tampered, "labour-2027", &private).is_err(),
                "byte {index}"
            );
        }
        // The study id rewritten in the header (same length) is refused by the AEAD and the info.
        let mut relabelled = envelope.clone();
        relabelled[6..17].copy_from_slice(b"labour-2028");
        assert!(open(&relabelled, "labour-2028", &private).is_err());
        let error = open(&envelope, "labour-2028", &private).expect_err("refused");
        assert_eq!(
            error,
            "envelope for study \"labour-2027\", not \"labour-2028\""
        );
    }

    #[test]
    fn malformed_envelopes_are_named() {
        for (bytes, what) in [
            (&b""[..], "too short"),
            (b"HTTP/1.1", "not a Tâcheron study envelope"),
            (b"TCHS\x02", "unknown version 2"),
            (b"TCHS\x01\x03AB!", "invalid study id"),
            (b"TCHS\x01\x01a0123456789abcdef", "too short"),
        ] {
            assert_eq!(
                Envelope::parse(bytes),
                Err(format!("malformed envelope: {what}"))
            );
        }
        let mut no_ciphertext = b"TCHS\x01\x01a".to_vec();
        no_ciphertext.extend_from_slice(&[0; 48 + 15]);
        assert_eq!(
            Envelope::parse(&no_ciphertext),
            Err("malformed envelope: no ciphertext".to_owned())
        );
    }
}
