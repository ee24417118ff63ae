//! Share codes: a student's workshop tallies (and, if they choose, their real dashboard totals
//! for a period) as a short text a teacher can paste, type or scan — versioned and checksummed.
//!
//! What a code holds, and nothing else: a random number that tells two students with the same
//! totals apart (it identifies no one), the week or month of the session, the four tallies, and
//! optionally the dashboard's counts per kind with their estimated seconds and the name of the
//! period (last 7 days, 30 days, 12 months, or everything). No name, no date finer than the
//! session's week or month, no platform, no site.
//!
//! Layout (bytes): version, payload length, payload, CRC-16 of everything before it. Numbers in
//! the payload are LEB128 varints. The bytes are written in Crockford's base32 (digits and
//! capitals without I, L, O, U; `O` typed for `0` and `I`/`L` for `1` are read as such; case,
//! spaces and dashes do not matter) in groups of four joined by dashes.
//!
//! Why any single-character change is caught: a character is 5 bits in a row of the bit string,
//! and a CRC of degree 16 detects every error confined to 16 consecutive bits (so a swap of two
//! neighbouring characters too). A change in the final character's unused bits is refused by the
//! decoder; a code cut short disagrees with its length byte.

use crate::TaskKind;
use crate::score::{Tallies, Tally};
use crc::{CRC_16_IBM_3740, Crc};
use data_encoding::{BitOrder, Encoding, Specification};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use tacheron::date::LocalDate;
use tacheron::model::Kind;

/// The version this build writes and reads.
pub const VERSION: u8 = 1;

/// Crockford's base32 alphabet.
const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters per group in the written code.
const GROUP: usize = 4;

const CRC16: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);

/// The largest count or number of seconds a code carries (about 136 years of seconds).
const MAX_NUMBER: u64 = u32::MAX as u64;

/// How precisely the session's date is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// The week (Monday to Sunday).
    Week,
    /// The month.
    Month,
}

/// When the workshop took place, no finer than its week or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Week or month.
    pub granularity: Granularity,
    /// Weeks since Monday 1970-01-05, or months since January 1970.
    pub index: u32,
}

/// Days from 1970-01-01 (a Thursday) to the first Monday, 1970-01-05.
const FIRST_MONDAY: i64 = 4;

impl Session {
    /// The week or month of `date`.
    pub fn of(date: LocalDate, granularity: Granularity) -> Session {
        let index = match granularity {
            Granularity::Week => (date.days_since_epoch() - FIRST_MONDAY).div_euclid(7),
            Granularity::Month => {
                let text = date.to_string();
                let year: i64 = text.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
                let month: i64 = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                (year - 1970) * 12 + month - 1
            }
        };
        Session {
            granularity,
            index: u32::try_from(index).unwrap_or(0),
        }
    }

    /// The session as people read it: the week's Monday (`2026-11-23`) or the month (`2026-11`).
    pub fn label(&self) -> String {
        match self.granularity {
            Granularity::Week => {
                LocalDate::from_days_since_epoch(FIRST_MONDAY + 7 * i64::from(self.index))
                    .to_string()
            }
            Granularity::Month => {
                let year = 1970 + self.index / 12;
                let month = self.index % 12 + 1;
                format!("{year}-{month:02}")
            }
        }
    }
}

/// The dashboard periods a code may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    /// The last 7 days.
    #[serde(rename = "7d")]
    Days7,
    /// The last 30 days.
    #[serde(rename = "30d")]
    Days30,
    /// The last 12 months.
    #[serde(rename = "12m")]
    Months12,
    /// Everything counted.
    #[serde(rename = "all")]
    All,
}

const SPANS: [Span; 4] = [Span::Days7, Span::Days30, Span::Months12, Span::All];

/// A student's real dashboard totals for a period, shared by choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dashboard {
    /// The period.
    pub span: Span,
    /// Actions per kind, in [`Kind::ALL`] order.
    pub counts: [u32; 8],
    /// The central estimate of the time they took, in seconds.
    pub seconds: u32,
}

impl Dashboard {
    /// The count of one kind.
    pub fn count(&self, kind: Kind) -> u32 {
        self.counts.get(kind as usize).copied().unwrap_or(0)
    }
}

/// Everything a share code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareCode {
    /// A random number that tells apart two students with the same totals.
    pub nonce: u16,
    /// The session's week or month.
    pub session: Session,
    /// The workshop's tallies.
    pub workshop: Tallies,
    /// The dashboard's totals, when the student chose to add them.
    pub dashboard: Option<Dashboard>,
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum CodeError {
    /// A character that no code holds (position counted from 1, separators not counted).
    Character {
        /// The character.
        character: char,
        /// Its position.
        position: usize,
    },
    /// Too short to be a code.
    TooShort,
    /// Characters missing or extra.
    Length,
    /// The check does not match: a character was mistyped or changed.
    Checksum,
    /// Made by another version of Tâcheron.
    Version {
        /// The version read.
        version: u8,
    },
    /// The check matches but the content makes no sense (a code forged with a valid check).
    Content,
}

/// The base32 encoding, built once.
fn encoding() -> Result<&'static Encoding, CodeError> {
    static ENCODING: OnceLock<Option<Encoding>> = OnceLock::new();
    ENCODING
        .get_or_init(|| {
            let mut spec = Specification::new();
            spec.symbols.push_str(ALPHABET);
            spec.bit_order = BitOrder::MostSignificantFirst;
            spec.check_trailing_bits = true;
            spec.encoding().ok()
        })
        .as_ref()
        .ok_or(CodeError::Content)
}

fn push_number(out: &mut Vec<u8>, value: u64) {
    let mut value = value.min(MAX_NUMBER);
    loop {
        // The low seven bits, so the cast keeps them all.
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads the payload in order; every read fails on missing or malformed bytes.
struct Reader<'a> {
    bytes: std::slice::Iter<'a, u8>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, CodeError> {
        self.bytes.next().copied().ok_or(CodeError::Content)
    }

    fn number(&mut self) -> Result<u32, CodeError> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                // A number written longer than needed (a trailing zero group) is not canonical.
                if byte == 0 && shift > 0 {
                    return Err(CodeError::Content);
                }
                return u32::try_from(value).map_err(|_| CodeError::Content);
            }
        }
        Err(CodeError::Content)
    }
}

/// The tallies in the code's order.
const KINDS: [TaskKind; 4] = TaskKind::ALL;

fn payload(code: &ShareCode) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(code.nonce.to_be_bytes());
    let mut flags = 0u8;
    if code.session.granularity == Granularity::Month {
        flags |= 1;
    }
    if code.dashboard.is_some() {
        flags |= 2;
    }
    out.push(flags);
    push_number(&mut out, u64::from(code.session.index));
    for kind in KINDS {
        let tally = code.workshop.of(kind);
        push_number(&mut out, u64::from(tally.done));
        push_number(&mut out, u64::from(tally.accepted.min(tally.done)));
        push_number(&mut out, u64::from(tally.seconds));
    }
    if let Some(dashboard) = &code.dashboard {
        let span = SPANS.iter().position(|s| *s == dashboard.span).unwrap_or(0);
        out.push(u8::try_from(span).unwrap_or(0));
        for count in dashboard.counts {
            push_number(&mut out, u64::from(count));
        }
        push_number(&mut out, u64::from(dashboard.seconds));
    }
    out
}

fn parse_payload(bytes: &[u8]) -> Result<ShareCode, CodeError> {
    let mut reader = Reader {
        bytes: bytes.iter(),
    };
    let nonce = u16::from_be_bytes([reader.byte()?, reader.byte()?]);
    let flags = reader.byte()?;
    if flags & !3 != 0 {
        return Err(CodeError::Content);
    }
    let granularity = if flags & 1 == 0 {
        Granularity::Week
    } else {
        Granularity::Month
    };
    let session = Session {
        granularity,
        index: reader.number()?,
    };
    let mut workshop = Tallies::default();
    for kind in KINDS {
        let tally = Tally {
            done: reader.number()?,
            accepted: reader.number()?,
            seconds: reader.number()?,
        };
        if tally.accepted > tally.done {
            return Err(CodeError::Content);
        }
        *workshop.of_mut(kind) = tally;
    }
    let dashboard = if flags & 2 == 0 {
        None
    } else {
        let span = *SPANS
            .get(usize::from(reader.byte()?))
            .ok_or(CodeError::Content)?;
        let mut counts = [0u32; 8];
        for count in &mut counts {
            *count = reader.number()?;
        }
        Some(Dashboard {
            span,
            counts,
            seconds: reader.number()?,
        })
    };
    if reader.bytes.next().is_some() {
        return Err(CodeError::Content);
    }
    Ok(ShareCode {
        nonce,
        session,
        workshop,
        dashboard,
    })
}

/// The bytes of a code of any version with a valid check, for tests of other versions.
fn frame(version: u8, payload: &[u8]) -> Vec<u8> {
    let mut bytes = vec![version, u8::try_from(payload.len()).unwrap_or(u8::MAX)];
    bytes.extend(payload);
    let check = CRC16.checksum(&bytes);
    bytes.extend(check.to_be_bytes());
    bytes
}

fn write(bytes: &[u8]) -> String {
    let text = encoding().map(|e| e.encode(bytes)).unwrap_or_default();
    let groups: Vec<&str> = text
        .as_bytes()
        .chunks(GROUP)
        .filter_map(|chunk| std::str::from_utf8(chunk).ok())
        .collect();
    groups.join("-")
}

/// The code of `code`, in groups of four characters.
pub fn encode(code: &ShareCode) -> String {
    write(&frame(VERSION, &payload(code)))
}

/// The code's characters in their one spelling: capitals, `0` for `O`, `1` for `I` and `L`,
/// without separators. Two codes are the same code when this is the same.
pub fn canonical(text: &str) -> Result<String, CodeError> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—') {
            continue;
        }
        let upper = c.to_ascii_uppercase();
        let symbol = match upper {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !ALPHABET.contains(symbol) {
            return Err(CodeError::Character {
                character: c,
                position: out.chars().count() + 1,
            });
        }
        out.push(symbol);
    }
    Ok(out)
}

/// Reads a code; refuses anything mistyped, changed, cut short or of another version.
pub fn decode(text: &str) -> Result<ShareCode, CodeError> {
    let symbols = canonical(text)?;
    // Version, length, three payload bytes at least, two check bytes: seven bytes, 12 characters.
    if symbols.len() < 12 {
        return Err(CodeError::TooShort);
    }
    let bytes = encoding()?
        .decode(symbols.as_bytes())
        .map_err(|error| match error.kind {
            data_encoding::DecodeKind::Length => CodeError::Length,
            _ => CodeError::Checksum,
        })?;
    let (version, length) = match bytes.as_slice() {
        [version, length, ..] => (*version, usize::from(*length)),
        _ => return Err(CodeError::TooShort),
    };
    if bytes.len() != length + 4 {
        return Err(CodeError::Length);
    }
    let (body, check) = bytes.split_at(bytes.len() - 2);
    if check != CRC16.checksum(body).to_be_bytes() {
        return Err(CodeError::Checksum);
    }
    if version != VERSION {
        return Err(CodeError::Version { version });
    }
    parse_payload(body.get(2..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(dashboard: bool) -> ShareCode {
        let tally = |done, accepted, seconds| Tally {
            done,
            accepted,
            seconds,
        };
        ShareCode {
            nonce: 0xBEEF,
            session: Session::of(LocalDate::parse("2026-11-26").unwrap(), Granularity::Week),
            workshop: Tallies {
                image: tally(4, 3, 61),
                text: tally(4, 4, 38),
                hashtag: tally(7, 7, 55),
                label: tally(8, 7, 40),
            },
            dashboard: dashboard.then_some(Dashboard {
                span: Span::Days30,
                counts: [2, 310, 4, 12, 9, 21, 3, 0],
                seconds: 2300,
            }),
        }
    }

    #[test]
    fn a_code_is_short_grouped_and_reads_back() {
        for with_dashboard in [false, true] {
            let code = sample(with_dashboard);
            let text = encode(&code);
            assert!(text.split('-').all(|g| g.len() <= GROUP), "{text}");
            assert!(text.len() < if with_dashboard { 80 } else { 45 }, "{text}");
            assert_eq!(decode(&text), Ok(code));
            assert_eq!(decode(&text.to_lowercase().replace('-', " ")), Ok(code));
        }
    }

    #[test]
    fn sessions_keep_only_the_week_or_the_month() {
        let thursday = LocalDate::parse("2026-11-26").unwrap();
        let week = Session::of(thursday, Granularity::Week);
        assert_eq!(week.label(), "2026-11-23");
        assert_eq!(
            Session::of(LocalDate::parse("2026-11-29").unwrap(), Granularity::Week),
            week
        );
        let month = Session::of(thursday, Granularity::Month);
        assert_eq!(month.label(), "2026-11");
        assert_eq!(
            Session::of(LocalDate::parse("2026-11-01").unwrap(), Granularity::Month),
            month
        );
    }

    #[test]
    fn aliases_read_as_the_digit_they_stand_for() {
        let text = encode(&sample(false));
        let aliased: String = text
            .chars()
            .map(|c| match c {
                '0' => 'O',
                '1' => 'l',
                other => other,
            })
            .collect();
        assert_eq!(canonical(&aliased), canonical(&text));
        assert_eq!(decode(&aliased), decode(&text));
    }

    #[test]
    fn another_version_with_a_valid_check_is_refused_as_such() {
        let bytes = frame(2, &payload(&sample(false)));
        assert_eq!(
            decode(&write(&bytes)),
            Err(CodeError::Version { version: 2 })
        );
    }

    #[test]
    fn a_forged_code_with_a_valid_check_but_nonsense_inside_is_refused() {
        let mut body = payload(&sample(false));
        body.push(0);
        assert_eq!(
            decode(&write(&frame(VERSION, &body))),
            Err(CodeError::Content)
        );
        assert_eq!(
            decode(&write(&frame(VERSION, &[1, 2, 0xF0]))),
            Err(CodeError::Content)
        );
    }

    #[test]
    fn foreign_characters_are_named_with_their_position() {
        assert_eq!(
            decode("0123-45U7-89AB-CDEF"),
            Err(CodeError::Character {
                character: 'U',
                position: 7
            })
        );
        assert_eq!(decode("0123-4567"), Err(CodeError::TooShort));
    }

    fn tallies() -> impl Strategy<Value = Tally> {
        (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(a, b, seconds)| Tally {
            done: a.max(b),
            accepted: a.min(b),
            seconds,
        })
    }

    fn codes() -> impl Strategy<Value = ShareCode> {
        (
            any::<u16>(),
            any::<bool>(),
            0u32..5000,
            [tallies(), tallies(), tallies(), tallies()],
            proptest::option::of((0usize..4, any::<[u32; 8]>(), any::<u32>())),
        )
            .prop_map(
                |(nonce, month, index, [image, text, hashtag, label], dashboard)| ShareCode {
                    nonce,
                    session: Session {
                        granularity: if month {
                            Granularity::Month
                        } else {
                            Granularity::Week
                        },
                        index,
                    },
                    workshop: Tallies {
                        image,
                        text,
                        hashtag,
                        label,
                    },
                    dashboard: dashboard.map(|(span, counts, seconds)| Dashboard {
                        span: SPANS[span],
                        counts,
                        seconds,
                    }),
                },
            )
    }

    /// Every character a code could be changed into: printable ASCII (symbols of the alphabet,
    /// their aliases and lower case, separators, letters that are never used, punctuation) and a
    /// few others people type or paste (a Unicode dash, accented and non-Latin letters, a digit
    /// of another script, a tab).
    fn substitutes() -> Vec<char> {
        (' '..='~')
            .chain(['–', 'é', 'É', 'ß', 'Ø', 'Ω', 'б', '٣', '\t'])
            .collect()
    }

    proptest! {
        // Each case tries every substitute (about a hundred) at every position of the code:
        // exhaustive over changes, so a few random codes (with and without dashboard totals)
        // suffice.
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// The promise, over the code as students write it (groups and dashes): changing
        /// any one character into anything else is refused — unless the new character is only
        /// another spelling of the same symbol (`o` or `O` for `0`, `l`/`I` for `1`, lower case),
        /// which leaves the code itself unchanged. A character that codes never use is refused by
        /// name, with its position among the code's symbols.
        #[test]
        fn every_single_character_change_is_caught(code in codes()) {
            let written = encode(&code);
            let original = canonical(&written).unwrap();
            let substitutes = substitutes();
            let mut symbols_before = 0;
            for (index, before) in written.chars().enumerate() {
                for &after in substitutes.iter().filter(|c| **c != before) {
                    let changed: String = written
                        .chars()
                        .enumerate()
                        .map(|(i, c)| if i == index { after } else { c })
                        .collect();
                    match decode(&changed) {
                        Ok(read) => {
                            prop_assert_eq!(canonical(&changed), Ok(original.clone()), "{} → {}", written, changed);
                            prop_assert_eq!(read, code);
                        }
                        Err(CodeError::Character { character, position }) => {
                            prop_assert_eq!(character, after, "{}", changed);
                            prop_assert_eq!(position, symbols_before + 1, "{}", changed);
                        }
                        Err(_) => prop_assert_ne!(canonical(&changed), Ok(original.clone())),
                    }
                }
                if before != '-' {
                    symbols_before += 1;
                }
            }
        }

        /// A character left out or added anywhere (not only at the end) is refused too.
        #[test]
        fn a_character_left_out_or_added_anywhere_is_caught(code in codes()) {
            let text = canonical(&encode(&code)).unwrap();
            for position in 0..text.len() {
                let mut shorter = text.clone();
                shorter.remove(position);
                prop_assert!(decode(&shorter).is_err(), "{}", shorter);
            }
            for position in 0..=text.len() {
                for extra in ALPHABET.chars() {
                    let mut longer = text.clone();
                    longer.insert(position, extra);
                    prop_assert!(decode(&longer).is_err(), "{}", longer);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_code_reads_back_exactly(code in codes()) {
            prop_assert_eq!(decode(&encode(&code)), Ok(code));
        }

        #[test]
        fn swapping_two_neighbouring_characters_is_caught(code in codes()) {
            let text: Vec<char> = canonical(&encode(&code)).unwrap().chars().collect();
            for i in 1..text.len() {
                if text[i - 1] != text[i] {
                    let mut swapped = text.clone();
                    swapped.swap(i - 1, i);
                    let swapped: String = swapped.into_iter().collect();
                    prop_assert!(decode(&swapped).is_err(), "{}", swapped);
                }
            }
        }

        #[test]
        fn a_code_cut_short_is_refused(code in codes()) {
            let text = canonical(&encode(&code)).unwrap();
            for length in 0..text.len() {
                prop_assert!(decode(&text[..length]).is_err(), "{}", &text[..length]);
            }
        }
    }
}
