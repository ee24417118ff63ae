//! Calendar dates and instants, without a date library: the ledger files actions under the
//! user's local date (`YYYY-MM-DD`), computed from a UTC instant and the local UTC offset.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A moment as the clock port reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub epoch_ms: i64,
    /// The local time zone's offset from UTC at that moment, in minutes (Paris in winter: +60).
    pub utc_offset_minutes: i32,
}

impl Instant {
    /// The local calendar date of this instant.
    pub fn local_date(self) -> LocalDate {
        let local_ms = self.epoch_ms + i64::from(self.utc_offset_minutes) * 60_000;
        LocalDate::from_days_since_epoch(local_ms.div_euclid(86_400_000))
    }

    /// The next local midnight after this instant (milliseconds since the epoch), at this
    /// instant's UTC offset: where the offset changes overnight, an hour off, which the next
    /// wake-up puts right.
    pub fn next_local_midnight_ms(self) -> i64 {
        let tomorrow = self.local_date().plus_days(1).days_since_epoch();
        tomorrow * 86_400_000 - i64::from(self.utc_offset_minutes) * 60_000
    }
}

/// A calendar date in the proleptic Gregorian calendar, serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate {
    year: i32,
    month: u8,
    day: u8,
}

impl LocalDate {
    /// A date from its parts, if it exists (years 1000 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<LocalDate> {
        let valid = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(LocalDate { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> LocalDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        LocalDate {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let shifted_month = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days later (earlier when negative).
    pub fn plus_days(self, days: i64) -> LocalDate {
        LocalDate::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The Monday of this date's week (ISO weeks start on Monday; 1970-01-01 was a Thursday).
    pub fn monday_of_week(self) -> LocalDate {
        let days = self.days_since_epoch();
        LocalDate::from_days_since_epoch(days - (days + 3).rem_euclid(7))
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> LocalDate {
        LocalDate { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(self) -> LocalDate {
        LocalDate {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<LocalDate> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        let all_digits = text
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !all_digits {
            return None;
        }
        LocalDate::new(year, month, day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for LocalDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LocalDate::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("expected a YYYY-MM-DD date"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_local_midnight_is_in_the_local_time_zone() {
        // 2026-11-28T23:30:00Z: already the 29th in Paris (+60), still the 28th in New York (-300).
        let paris = Instant {
            epoch_ms: 1_795_908_600_000,
            utc_offset_minutes: 60,
        };
        // Midnight of the 30th in Paris is 23:00Z on the 29th.
        assert_eq!(paris.next_local_midnight_ms(), 1_795_993_200_000);
        let new_york = Instant {
            utc_offset_minutes: -300,
            ..paris
        };
        // Midnight of the 29th in New York is 05:00Z on the 29th.
        assert_eq!(new_york.next_local_midnight_ms(), 1_795_928_400_000);
        // Exactly at midnight, the next one is a day later.
        let at_midnight = Instant {
            epoch_ms: 1_795_928_400_000,
            utc_offset_minutes: -300,
        };
        assert_eq!(
            at_midnight.next_local_midnight_ms(),
            1_795_928_400_000 + 86_400_000
        );
    }

    #[test]
    fn local_date_follows_the_utc_offset() {
        // 2026-11-28T23:30:00Z
        let late_evening_utc = 1_795_908_600_000;
        let in_paris = Instant {
            epoch_ms: late_evening_utc,
            utc_offset_minutes: 60,
        };
        let in_new_york = Instant {
            epoch_ms: late_evening_utc,
            utc_offset_minutes: -300,
        };
        assert_eq!(in_paris.local_date().to_string(), "2026-11-29");
        assert_eq!(in_new_york.local_date().to_string(), "2026-11-28");
    }

    #[test]
    fn days_round_trip_across_leap_years_and_before_1970_within_years_1000_to_9999() {
        for days in (-300_000..2_900_000).step_by(997) {
            let date = LocalDate::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
            assert_eq!(LocalDate::parse(&date.to_string()), Some(date));
        }
        assert_eq!(
            LocalDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            LocalDate::parse("2024-02-29")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn parse_refuses_malformed_dates() {
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "2026/01/01",
            "+026-01-01",
            "2026-01-0x",
            "",
        ] {
            assert_eq!(LocalDate::parse(bad), None, "{bad}");
        }
    }
}
