//! The dashboard's charts, drawn as SVG text by the core: daily stacked bars by kind, the
//! breakdown by platform and the cumulative time over the period.
//!
//! Coordinates are written as whole numbers in tenths of a unit (the view box is ten times the
//! drawing's size): formatting integers keeps float formatting, and its code, out of the
//! WebAssembly module.
//!
//! The SVG holds shapes, numbers and dates only. Words are left to the page: elements that need
//! one carry `data-i18n` with the message name, and colours come from CSS classes (`kind-…`), so
//! the page's language and light or dark theme apply. Every number the page should write in its
//! language (the y axis's ticks, the platforms' counts) carries its exact value in `data-value`:
//! the page formats that value and computes nothing of the axis itself. Every chart has a table
//! alternative on the page, built from the same data ([`DayPoint`], the summary's
//! rows).

use crate::date::LocalDate;
use crate::model::{Kind, Platform};
use crate::summary::Summary;
use serde::Serialize;
use std::fmt::Write as _;

/// One day of the daily series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayPoint {
    /// The day.
    pub date: LocalDate,
    /// Actions per kind, in [`Kind::ALL`] order.
    pub counts: [u64; 8],
    /// Central estimate of the day's time, in seconds.
    pub seconds: f64,
}

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

/// Draws the three charts.
pub fn draw(daily: &[DayPoint], summary: &Summary) -> Charts {
    Charts {
        daily: stacked_bars(daily),
        platforms: platform_bars(summary),
        cumulative: cumulative_line(daily),
    }
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
/// is an exact value. The step is kept as its digit and its power of ten, so that each tick's
/// value can be written exactly, without float formatting.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Axis {
    /// 1, 2 or 5.
    digit: u64,
    /// The step is `digit` × 10^`exponent`.
    exponent: i32,
    /// How many steps up to the top (1 to 5).
    steps: u32,
}

impl Axis {
    /// The axis for values up to `max`, with steps no smaller than `min_step`.
    fn for_max(max: f64, min_step: f64) -> Axis {
        let (digit, exponent) = nice_ceiling((max / 4.0).max(min_step));
        let mut axis = Axis {
            digit,
            exponent,
            steps: 1,
        };
        axis.steps = ((max / axis.step()).ceil() as u32).clamp(1, 5);
        axis
    }

    /// The step between two ticks.
    fn step(self) -> f64 {
        // Powers of ten by multiplication: `powf` would bring libm's code into the WebAssembly
        // module.
        let mut step = self.digit as f64;
        for _ in 0..self.exponent.unsigned_abs() {
            if self.exponent > 0 {
                step *= 10.0;
            } else {
                step /= 10.0;
            }
        }
        step
    }

    fn top(self) -> f64 {
        self.step() * f64::from(self.steps)
    }

    /// The value of tick `tick` (0 at the bottom) as an exact decimal: "0", "0.05", "2.5", "600".
    fn value_text(self, tick: u32) -> String {
        let digits = (self.digit * u64::from(tick)).to_string();
        if tick == 0 {
            return digits;
        }
        if self.exponent >= 0 {
            return format!(
                "{digits}{}",
                "0".repeat(self.exponent.unsigned_abs() as usize)
            );
        }
        let decimals = self.exponent.unsigned_abs() as usize;
        let padded = format!("{digits:0>width$}", width = decimals + 1);
        let (whole, fraction) = padded.split_at(padded.len() - decimals);
        let fraction = fraction.trim_end_matches('0');
        if fraction.is_empty() {
            whole.to_owned()
        } else {
            format!("{whole}.{fraction}")
        }
    }
}

/// A round number at or above `value` for an axis's step, as its digit (1, 2 or 5) and power of
/// ten: 7 → (1, 1), 13 → (2, 1), 0.3 → (5, -1).
fn nice_ceiling(value: f64) -> (u64, i32) {
    if value <= 0.0 {
        return (1, 0);
    }
    let (mut magnitude, mut exponent) = (1.0, 0);
    while magnitude * 10.0 <= value {
        magnitude *= 10.0;
        exponent += 1;
    }
    while magnitude > value {
        magnitude /= 10.0;
        exponent -= 1;
    }
    [1, 2, 5]
        .into_iter()
        .find(|digit| *digit as f64 * magnitude >= value)
        .map_or((1, exponent + 1), |digit| (digit, exponent))
}

/// Horizontal grid lines with their values, for a y axis. Each value is written exactly in
/// `data-value` (a number the page formats in its language) and, followed by `unit`, as the
/// text.
fn grid(out: &mut String, axis: Axis, unit: &str) {
    let plot = HEIGHT - TOP - BOTTOM;
    for tick in 0..=axis.steps {
        let y = HEIGHT - BOTTOM - plot * f64::from(tick) / f64::from(axis.steps);
        let value = axis.value_text(tick);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" text-anchor="end" data-value="{value}">{value}{unit}</text>"#,
            at(LEFT),
            at(WIDTH),
            at(y),
            at(y),
            at(LEFT - 6.0),
            at(y + 4.0),
        );
    }
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

/// Stacked bars: one path per kind (each bar's segment of that kind is one of its shapes), then
/// over each bar a transparent rectangle that carries its tooltip. Nine or so elements per kind
/// and one per bar, rather than one per segment: the page parses a year of weeks quickly.
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
    let mut paths: [String; 8] = Default::default();
    let mut bars = String::with_capacity(groups.len() * 120);
    for (index, (date, counts)) in groups.iter().enumerate() {
        let total: u64 = counts.iter().sum();
        if total == 0 {
            continue;
        }
        let x = LEFT + slot * index as f64 + (slot - bar) / 2.0;
        let mut y = HEIGHT - BOTTOM;
        for (path, count) in paths.iter_mut().zip(counts) {
            if *count == 0 {
                continue;
            }
            let height = plot * *count as f64 / top;
            y -= height;
            let _ = write!(
                path,
                "M{} {}h{}v{}h-{}z",
                at(x),
                at(y),
                at(bar),
                at(height),
                at(bar)
            );
        }
        let _ = write!(
            bars,
            r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{date}: {total}</title></rect>"#,
            at(x),
            at(y),
            at(bar),
            at(HEIGHT - BOTTOM - y)
        );
    }
    let mut out =
        String::with_capacity(bars.len() + paths.iter().map(String::len).sum::<usize>() + 1500);
    open(&mut out, HEIGHT);
    grid(&mut out, axis, "");
    for (kind, path) in Kind::ALL.iter().zip(&paths) {
        if !path.is_empty() {
            let _ = write!(out, r#"<path class="kind-{kind}" d="{path}"/>"#);
        }
    }
    out.push_str(&bars);
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
            r#"<text class="label" x="{}" y="{}" text-anchor="end" data-i18n="platform_{platform}"></text><rect class="platform-bar" x="{}" y="{}" width="{}" height="{}"/><text class="tick" x="{}" y="{}" data-value="{count}">{count}</text>"#,
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
    grid(&mut out, axis, " h");
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

    /// The `data-value` of every y-axis tick in `svg`, bottom first.
    fn tick_values(svg: &str) -> Vec<&str> {
        svg.split(r#"text-anchor="end" data-value=""#)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), (1, 0));
        assert_eq!(nice_ceiling(7.0), (1, 1));
        assert_eq!(nice_ceiling(13.0), (2, 1));
        assert_eq!(nice_ceiling(480.0), (5, 2));
        assert_eq!(nice_ceiling(0.3), (5, -1));
        assert_eq!(nice_ceiling(0.01), (1, -2));
    }

    #[test]
    fn stacked_bars_have_one_shape_per_segment_and_scale_to_the_busiest_day() {
        let daily = [
            day(0, [1, 3, 0, 0, 0, 0, 0, 0], 10.0),
            day(1, [0, 0, 0, 0, 0, 0, 0, 0], 0.0),
            day(2, [0, 10, 0, 0, 0, 0, 0, 0], 20.0),
        ];
        let svg = stacked_bars(&daily);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // One path per kind present, one shape in it per bar that has that kind.
        assert_eq!(svg.matches("<path").count(), 2);
        let shapes = |kind: &str| {
            svg.split(&format!(r#"class="kind-{kind}" d=""#))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|d| d.matches('M').count())
        };
        assert_eq!(shapes("captcha"), Some(1));
        assert_eq!(shapes("reaction"), Some(2));
        // A tooltip over each bar with actions in it; the empty day has none.
        assert_eq!(svg.matches("<title>").count(), 2);
        // The busiest day (10) fills the plot to the axis top (10): 188 px tall, in tenths.
        assert!(svg.contains("v1880h"), "{svg}");
        assert!(svg.contains(r#"height="1880"><title>"#), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn axis_ticks_are_exact_round_values() {
        let ticks =
            |axis: Axis| -> Vec<String> { (0..=axis.steps).map(|t| axis.value_text(t)).collect() };
        assert_eq!(ticks(Axis::for_max(1.0, 1.0)), ["0", "1"]);
        assert_eq!(ticks(Axis::for_max(7.0, 1.0)), ["0", "2", "4", "6", "8"]);
        assert_eq!(ticks(Axis::for_max(10.0, 1.0)), ["0", "5", "10"]);
        assert_eq!(ticks(Axis::for_max(480.0, 1.0)), ["0", "200", "400", "600"]);
        assert_eq!(ticks(Axis::for_max(0.25, 0.01)), ["0", "0.1", "0.2", "0.3"]);
        assert_eq!(
            ticks(Axis::for_max(0.07, 0.01)),
            ["0", "0.02", "0.04", "0.06", "0.08"]
        );
        assert_eq!(ticks(Axis::for_max(10.0, 0.01)), ["0", "5", "10"]);
    }

    #[test]
    fn each_y_tick_carries_its_exact_value_for_the_page_to_format() {
        // A quarter of an hour: ticks every tenth of an hour, up to 0.3 h.
        let line = cumulative_line(&[day(0, [0; 8], 900.0)]);
        assert_eq!(tick_values(&line), ["0", "0.1", "0.2", "0.3"]);
        assert!(line.contains(r#"data-value="0.3">0.3 h</text>"#), "{line}");
        // Two and a half actions a day at most: whole steps, never a tick at 2.5.
        let bars = stacked_bars(&[
            day(0, [2, 0, 0, 0, 0, 0, 0, 0], 0.0),
            day(1, [0, 3, 0, 0, 0, 0, 0, 0], 0.0),
        ]);
        assert_eq!(tick_values(&bars), ["0", "1", "2", "3"]);
        // A year of heavy use by week: hundreds of actions a week.
        let year: Vec<DayPoint> = (0..365)
            .map(|i| day(i, [9, 9, 9, 9, 9, 9, 0, 0], 600.0))
            .collect();
        assert_eq!(
            tick_values(&stacked_bars(&year)),
            ["0", "100", "200", "300", "400"]
        );
        assert_eq!(
            tick_values(&cumulative_line(&year)),
            ["0", "20", "40", "60", "80"]
        );
    }

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(at(12.34), 123);
        let axis = Axis {
            digit: 5,
            exponent: -2,
            steps: 4,
        };
        assert_eq!(axis.value_text(0), "0");
        assert_eq!(axis.value_text(1), "0.05");
        assert_eq!(axis.value_text(2), "0.1");
        assert_eq!(axis.value_text(3), "0.15");
        assert_eq!(
            Axis {
                digit: 2,
                exponent: 3,
                steps: 1
            }
            .value_text(1),
            "2000"
        );
        assert_eq!(
            Axis {
                digit: 5,
                exponent: -1,
                steps: 3
            }
            .value_text(3),
            "1.5"
        );
    }

    #[test]
    fn long_periods_are_drawn_by_week() {
        let daily: Vec<DayPoint> = (0..365)
            .map(|i| day(i, [0, 1, 0, 0, 0, 0, 0, 0], 3.0))
            .collect();
        let svg = stacked_bars(&daily);
        assert_eq!(svg.matches("<title>").count(), 53);
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
