//! The dashboard's charts, drawn as SVG text by the core: daily stacked bars by kind, the
//! breakdown by platform and the cumulative time over the period.
//!
//! Coordinates are written as whole numbers in tenths of a unit (the view box is ten times the
//! drawing's size): formatting integers keeps float formatting, and its code, out of the
//! WebAssembly module.
//!
//! The SVG holds shapes, numbers and dates only. Words are left to the page: elements that need
//! one carry `data-i18n` with the message name, and colours come from CSS classes (`kind-…`), so
//! the page's language and light or dark theme apply. Every chart has a table alternative on the
//! page, built from the same data ([`crate::views::DayPoint`], the summary's rows).

use crate::model::{Kind, Platform};
use crate::summary::Summary;
use crate::views::DayPoint;
use serde::Serialize;
use std::fmt::Write as _;

/// The three charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charts {
    /// Actions per day (per week beyond three months), stacked by kind.
    pub daily: String,
    /// Actions per platform.
    pub platforms: String,
    /// Hours, adding up over the period.
    pub cumulative: String,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 8.0;

/// A coordinate in tenths, as a whole number.
fn at(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

/// A value with one decimal (`2.5`), without float formatting.
fn one_decimal(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

/// Draws the three charts.
pub fn draw(daily: &[DayPoint], summary: &Summary) -> Charts {
    Charts {
        daily: stacked_bars(daily),
        platforms: platform_bars(summary),
        cumulative: cumulative_line(daily),
    }
}

/// A round number at or above `value` for the top of an axis (1, 2, 5 × 10^n).
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    // Powers of ten by multiplication: `powf` and `log10` would bring libm's code into the
    // WebAssembly module.
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= value {
        magnitude *= 10.0;
    }
    while magnitude > value {
        magnitude /= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|step| step * magnitude)
        .find(|candidate| *candidate >= value)
        .unwrap_or(10.0 * magnitude)
}

fn open(out: &mut String, height: f64) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" class="chart">"#,
        at(WIDTH),
        at(height)
    );
}

/// A y axis from 0 in round steps (1, 2 or 5 × 10^n), at most five of them, so that every tick
/// shows an exact value.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Axis {
    step: f64,
    steps: u32,
}

impl Axis {
    /// The axis for values up to `max`, with steps no smaller than `min_step`.
    fn for_max(max: f64, min_step: f64) -> Axis {
        let step = nice_ceiling((max / 4.0).max(min_step));
        let steps = ((max / step).ceil() as u32).clamp(1, 5);
        Axis { step, steps }
    }

    fn top(self) -> f64 {
        self.step * f64::from(self.steps)
    }
}

/// Horizontal grid lines with their values, for a y axis.
fn grid(out: &mut String, axis: Axis, format: impl Fn(f64) -> String) {
    let plot = HEIGHT - TOP - BOTTOM;
    for tick in 0..=axis.steps {
        let value = axis.step * f64::from(tick);
        let y = HEIGHT - BOTTOM - plot * f64::from(tick) / f64::from(axis.steps);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
            at(LEFT),
            at(WIDTH),
            at(y),
            at(y),
            at(LEFT - 6.0),
            at(y + 4.0),
            format(value)
        );
    }
}

/// A value with two decimals (`0.05`), without float formatting.
fn two_decimals(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    format!("{}.{:02}", hundredths / 100, (hundredths % 100).abs())
}

fn integer(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// Days grouped by week when the period is longer than three months, counted back from the last
/// day, so that the last bar is a whole week (a shorter one comes first).
fn buckets(daily: &[DayPoint]) -> Vec<(String, [u64; 8])> {
    let size = if daily.len() > 92 { 7 } else { 1 };
    let mut groups: Vec<(String, [u64; 8])> = daily
        .rchunks(size)
        .filter_map(|chunk| {
            let first = chunk.first()?;
            let mut counts = [0u64; 8];
            for point in chunk {
                for (sum, count) in counts.iter_mut().zip(point.counts) {
                    *sum += count;
                }
            }
            Some((first.date.to_string(), counts))
        })
        .collect();
    groups.reverse();
    groups
}

fn stacked_bars(daily: &[DayPoint]) -> String {
    let groups = buckets(daily);
    let most = groups
        .iter()
        .map(|(_, counts)| counts.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    let axis = Axis::for_max(most as f64, 1.0);
    let top = axis.top();
    let plot = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - LEFT) / groups.len().max(1) as f64;
    let bar = (slot * 0.8).max(1.0);
    let mut out = String::with_capacity(groups.len() * 200 + 1000);
    open(&mut out, HEIGHT);
    grid(&mut out, axis, integer);
    for (index, (date, counts)) in groups.iter().enumerate() {
        let x = LEFT + slot * index as f64 + (slot - bar) / 2.0;
        let total: u64 = counts.iter().sum();
        let _ = write!(out, r#"<g><title>{date}: {total}</title>"#);
        let mut y = HEIGHT - BOTTOM;
        for (kind, count) in Kind::ALL.iter().zip(counts) {
            if *count == 0 {
                continue;
            }
            let height = plot * *count as f64 / top;
            y -= height;
            let _ = write!(
                out,
                r#"<rect class="kind-{kind}" x="{}" y="{}" width="{}" height="{}"/>"#,
                at(x),
                at(y),
                at(bar),
                at(height)
            );
        }
        out.push_str("</g>");
    }
    // First and last dates under the axis.
    if let (Some((first, _)), Some((last, _))) = (groups.first(), groups.last()) {
        let _ = write!(
            out,
            r#"<text class="tick" x="{}" y="{}">{first}</text><text class="tick" x="{}" y="{}" text-anchor="end">{last}</text>"#,
            at(LEFT),
            at(HEIGHT - 6.0),
            at(WIDTH),
            at(HEIGHT - 6.0)
        );
    }
    out.push_str("</svg>");
    out
}

fn platform_bars(summary: &Summary) -> String {
    let mut totals: Vec<(Platform, u64)> = Platform::ALL
        .iter()
        .map(|platform| {
            let count = summary
                .rows
                .iter()
                .filter(|row| row.platform == *platform)
                .map(|row| row.estimate.count)
                .sum();
            (*platform, count)
        })
        .filter(|(_, count)| *count > 0)
        .collect();
    totals.sort_unstable_by_key(|(platform, count)| (std::cmp::Reverse(*count), *platform));
    let row_height = 26.0;
    let height = (totals.len().max(1) as f64) * row_height + 8.0;
    let label_width = 120.0;
    let most = totals.first().map_or(1, |(_, count)| *count).max(1) as f64;
    let mut out = String::new();
    open(&mut out, height);
    for (index, (platform, count)) in totals.iter().enumerate() {
        let y = 4.0 + row_height * index as f64;
        let width = (WIDTH - label_width - 60.0) * *count as f64 / most;
        let _ = write!(
            out,
            r#"<text class="label" x="{}" y="{}" text-anchor="end" data-i18n="platform_{platform}"></text><rect class="platform-bar" x="{}" y="{}" width="{}" height="{}"/><text class="tick" x="{}" y="{}">{count}</text>"#,
            at(label_width - 8.0),
            at(y + 17.0),
            at(label_width),
            at(y + 3.0),
            at(width),
            at(row_height - 8.0),
            at(label_width + width + 6.0),
            at(y + 17.0)
        );
    }
    out.push_str("</svg>");
    out
}

fn cumulative_line(daily: &[DayPoint]) -> String {
    let mut running = 0.0;
    let hours: Vec<f64> = daily
        .iter()
        .map(|point| {
            running += point.seconds / 3600.0;
            running
        })
        .collect();
    let axis = Axis::for_max(hours.last().copied().unwrap_or(0.0), 0.01);
    let top = axis.top();
    let plot = HEIGHT - TOP - BOTTOM;
    let step = (WIDTH - LEFT) / (hours.len().max(2) - 1) as f64;
    let mut out = String::with_capacity(hours.len() * 16 + 1000);
    open(&mut out, HEIGHT);
    let tick = axis.step;
    grid(&mut out, axis, |value| {
        let number = if tick >= 1.0 {
            integer(value)
        } else if tick >= 0.1 {
            one_decimal(value)
        } else {
            two_decimals(value)
        };
        format!("{number} h")
    });
    let mut path = String::with_capacity(hours.len() * 14);
    for (index, value) in hours.iter().enumerate() {
        let x = LEFT + step * index as f64;
        let y = HEIGHT - BOTTOM - plot * value / top;
        let command = if index == 0 { 'M' } else { 'L' };
        let _ = write!(path, "{command}{},{}", at(x), at(y));
    }
    if let [only] = hours.as_slice() {
        let y = HEIGHT - BOTTOM - plot * only / top;
        let _ = write!(path, "L{},{}", at(WIDTH), at(y));
    }
    let _ = write!(out, r#"<path class="line" d="{path}" fill="none"/>"#);
    if let (Some(first), Some(last)) = (daily.first(), daily.last()) {
        let _ = write!(
            out,
            r#"<text class="tick" x="{}" y="{}">{}</text><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
            at(LEFT),
            at(HEIGHT - 6.0),
            first.date,
            at(WIDTH),
            at(HEIGHT - 6.0),
            last.date
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::LocalDate;

    fn day(offset: i64, counts: [u64; 8], seconds: f64) -> DayPoint {
        DayPoint {
            date: LocalDate::from_days_since_epoch(20_000 + offset),
            counts,
            seconds,
        }
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(13.0), 20.0);
        assert_eq!(nice_ceiling(480.0), 500.0);
        assert_eq!(nice_ceiling(0.3), 0.5);
    }

    #[test]
    fn stacked_bars_have_one_segment_per_kind_present_and_scale_to_the_busiest_day() {
        let daily = [
            day(0, [1, 3, 0, 0, 0, 0, 0, 0], 10.0),
            day(1, [0, 0, 0, 0, 0, 0, 0, 0], 0.0),
            day(2, [0, 10, 0, 0, 0, 0, 0, 0], 20.0),
        ];
        let svg = stacked_bars(&daily);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert_eq!(svg.matches(r#"class="kind-captcha""#).count(), 1);
        // The busiest day (10) fills the plot to the axis top (10): 188 px tall, in tenths.
        assert!(svg.contains(r#"height="1880""#), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn axis_ticks_are_exact_round_values() {
        let ticks = |axis: Axis| -> Vec<f64> {
            (0..=axis.steps).map(|t| axis.step * f64::from(t)).collect()
        };
        assert_eq!(ticks(Axis::for_max(1.0, 1.0)), [0.0, 1.0]);
        assert_eq!(ticks(Axis::for_max(7.0, 1.0)), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(Axis::for_max(10.0, 1.0)), [0.0, 5.0, 10.0]);
        assert_eq!(ticks(Axis::for_max(480.0, 1.0)), [0.0, 200.0, 400.0, 600.0]);
        let hours = Axis::for_max(0.25, 0.01);
        assert_eq!(hours.step, 0.1);
        assert_eq!(hours.steps, 3);
        let svg = cumulative_line(&[day(0, [0; 8], 900.0)]);
        assert!(svg.contains(">0.1 h<") && svg.contains(">0.3 h<"), "{svg}");
        assert_eq!(two_decimals(0.05), "0.05");
    }

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(at(12.34), 123);
        assert_eq!(one_decimal(2.46), "2.5");
        assert_eq!(one_decimal(0.0), "0.0");
        assert_eq!(integer(499.6), "500");
    }

    #[test]
    fn long_periods_are_drawn_by_week() {
        let daily: Vec<DayPoint> = (0..365)
            .map(|i| day(i, [0, 1, 0, 0, 0, 0, 0, 0], 3.0))
            .collect();
        let svg = stacked_bars(&daily);
        assert_eq!(svg.matches("<g>").count(), 53);
        let last_week = buckets(&daily).last().map(|(_, counts)| counts[1]);
        assert_eq!(last_week, Some(7), "the last bar is a whole week");
        let line = cumulative_line(&daily);
        assert!(line.contains(r#"class="line""#));
        assert!(!line.contains("NaN"));
    }

    #[test]
    fn an_empty_period_draws_without_dividing_by_zero() {
        let svg = stacked_bars(&[]);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let line = cumulative_line(&[day(0, [0; 8], 0.0)]);
        assert!(!line.contains("NaN") && !line.contains("inf"));
    }
}
