//! The native command-line tool.
//!
//! - `tacheron sensor-rules` prints the detection table that the build turns into the content
//!   sensors' rule files.
//! - `tacheron rate-card` prints the rate card with every source, for the methodology page.
//! - `tacheron names` prints the names the extension's JavaScript shares with the core
//!   (platforms, kinds, details, message types, export fields), for the build.
//! - `tacheron estimate …` turns counts (given on the command line or read from a Tâcheron JSON
//!   export) into labour time and money with the rate card, for teachers and researchers who
//!   want the numbers without the browser.
//! - `tacheron study …` is the researcher's toolkit for studies (see `study.rs`).
//! - `tacheron collect …` is the researcher's inbox (see `collect.rs`).
#![allow(clippy::print_stdout, reason = "a command-line tool prints its output")]

mod collect;
mod study;

use std::fmt::Write as _;
use std::process::ExitCode;
use tacheron::card::{CARD, Currency, PublishedCard, Range};
use tacheron::estimate::{Counted, Estimate, Valuation, WageChoice, estimate, value};
use tacheron::export::{EXPORT_FORMAT, EXPORT_VERSION, Export};
use tacheron::model::{Detail, Kind};
use tacheron::names::shared_names;
use tacheron_study::protocol::STUDY_REQUESTS;

const USAGE: &str = "\
usage:
  tacheron sensor-rules
      print the sensors' detection table as JSON
  tacheron rate-card
      print the rate card (every figure with its sources) as JSON
  tacheron names
      print the names the extension shares with the core (platforms, kinds, messages) as JSON
  tacheron estimate [options] KIND[/DETAIL]=COUNT ...
  tacheron estimate [options] --export FILE
      estimate labour time and value from counts or from a Tâcheron JSON export
      KIND: captcha reaction unreaction repost hashtag post upload report
      e.g.  tacheron estimate captcha/recaptcha-image=12 reaction=300 post=5
options:
  --currency EUR|USD       the currency of every amount (default: from --locale)
  --wage smic|us-minimum|AMOUNT
                           the hourly wage time is valued at (AMOUNT in the chosen currency)
  --locale fr|en           default currency and wage: fr gives EUR and the SMIC, others USD and
                           the US federal minimum (default: en)
  --json                   print JSON instead of a table
research studies:
{STUDY}
{COLLECT}";

/// The whole usage text.
fn usage() -> String {
    USAGE
        .replace("{STUDY}", study::USAGE)
        .replace("{COLLECT}", collect::USAGE)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("sensor-rules") if args.len() == 1 => {
            serde_json::to_string_pretty(&tacheron::rules::sensor_table())
                .map_err(|error| error.to_string())
        }
        Some("rate-card") if args.len() == 1 => {
            serde_json::to_string_pretty(&PublishedCard::in_force())
                .map_err(|error| error.to_string())
        }
        Some("names") if args.len() == 1 => {
            let names = shared_names(&CARD, STUDY_REQUESTS);
            serde_json::to_string_pretty(&names).map_err(|error| error.to_string())
        }
        Some("estimate") => run_estimate(args.get(1..).unwrap_or_default()),
        Some("study") => study::run(args.get(1..).unwrap_or_default()),
        Some("collect") => collect::run(args.get(1..).unwrap_or_default()),
        _ => {
            eprintln!("{}", usage());
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tacheron: {message}");
            ExitCode::FAILURE
        }
    }
}

/// One line of input: a kind, maybe a detail, and what was counted.
struct Line {
    kind: Kind,
    detail: Option<Detail>,
    counted: Counted,
}

struct Options {
    valuation: Valuation,
    json: bool,
    lines: Vec<Line>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut locale = "en".to_owned();
    let mut currency = None;
    let mut wage = None;
    let mut json = false;
    let mut lines = Vec::new();
    let mut export_file = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value_of = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--currency" => {
                let code = value_of("--currency")?;
                currency = Some(
                    Currency::parse(&code)
                        .ok_or_else(|| format!("unknown currency {code:?} (EUR or USD)"))?,
                );
            }
            "--wage" => wage = Some(value_of("--wage")?),
            "--locale" => locale = value_of("--locale")?,
            "--export" => export_file = Some(value_of("--export")?),
            "--json" => json = true,
            count => lines.push(parse_count(count)?),
        }
    }
    if let Some(path) = export_file {
        if !lines.is_empty() {
            return Err("give counts or --export, not both".to_owned());
        }
        lines = read_export(&path)?;
    }
    if lines.is_empty() {
        return Err(format!("nothing to estimate\n{}", usage()));
    }
    let mut valuation = Valuation::for_locale(&locale);
    if let Some(currency) = currency {
        valuation.currency = currency;
    }
    match wage.as_deref() {
        None => {}
        Some("smic") => valuation.wage = WageChoice::Smic,
        Some("us-minimum") => valuation.wage = WageChoice::UsMinimum,
        Some(amount) => {
            let hourly: f64 = amount.parse().map_err(|_| {
                format!("--wage: {amount:?} is neither smic, us-minimum nor an amount")
            })?;
            valuation.wage = WageChoice::Own;
            valuation.own_hourly = Some(hourly);
        }
    }
    valuation.check().map_err(|why| format!("--wage: {why}"))?;
    Ok(Options {
        valuation,
        json,
        lines,
    })
}

/// `reaction=300` or `captcha/recaptcha-image=12`.
fn parse_count(text: &str) -> Result<Line, String> {
    let (name, count) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: expected KIND[/DETAIL]=COUNT"))?;
    let (kind, detail) = match name.split_once('/') {
        Some((kind, detail)) => (kind, Some(detail)),
        None => (name, None),
    };
    let kind = Kind::parse(kind).ok_or_else(|| format!("{text:?}: unknown kind {kind:?}"))?;
    let detail = match detail {
        Some(detail) => {
            Some(Detail::new(detail).ok_or_else(|| format!("{text:?}: bad detail {detail:?}"))?)
        }
        None => None,
    };
    let count: u64 = count
        .parse()
        .map_err(|_| format!("{text:?}: the count must be a whole number"))?;
    Ok(Line {
        kind,
        detail,
        counted: Counted {
            count,
            ..Counted::default()
        },
    })
}

fn read_export(path: &str) -> Result<Vec<Line>, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
    let export: Export =
        serde_json::from_str(&text).map_err(|error| format!("{path}: not an export: {error}"))?;
    if export.format != EXPORT_FORMAT || export.version != EXPORT_VERSION {
        return Err(format!(
            "{path}: format {:?} version {} is not {EXPORT_FORMAT:?} version {EXPORT_VERSION}",
            export.format, export.version
        ));
    }
    Ok(export
        .records
        .into_iter()
        .map(|record| {
            let measured_ms = record
                .measured_seconds
                .map_or(0, |seconds| (seconds.max(0.0) * 1000.0).round() as u64);
            let measured = u64::from(record.measured_count());
            Line {
                kind: record.kind,
                detail: record.detail,
                counted: Counted {
                    count: u64::from(record.count),
                    measured,
                    measured_ms,
                },
            }
        })
        .collect())
}

fn run_estimate(args: &[String]) -> Result<String, String> {
    let options = parse_options(args)?;
    let currency = options.valuation.currency;
    let estimates: Vec<(String, Estimate)> = options
        .lines
        .iter()
        .map(|line| {
            let detail = line.detail.as_ref().map(Detail::as_str);
            let name = match detail {
                Some(detail) => format!("{}/{detail}", line.kind),
                None => line.kind.to_string(),
            };
            let one = estimate(&CARD, line.kind, detail, line.counted, currency);
            (name, one)
        })
        .collect();
    let total = estimates
        .iter()
        .fold(Estimate::default(), |sum, (_, one)| sum + *one);
    let values = value(&CARD, &total, &options.valuation);
    if options.json {
        let json = serde_json::json!({
            "rate_card": CARD.version,
            "valuation": options.valuation,
            "hourly_wage": options.valuation.hourly_wage(&CARD),
            "lines": estimates.iter().map(|(name, e)| serde_json::json!({ "name": name, "estimate": e })).collect::<Vec<_>>(),
            "total": total,
            "values": values,
        });
        return serde_json::to_string_pretty(&json).map_err(|error| error.to_string());
    }
    let money = |r: Range| {
        format!(
            "{} {} ({}–{})",
            amount(r.central),
            currency.code(),
            amount(r.low),
            amount(r.high)
        )
    };
    let mut out = String::new();
    let _ = writeln!(out, "Rate card {} ({})", CARD.version, CARD.published);
    let _ = writeln!(
        out,
        "{:<28} {:>8} {:>28} {:>32}",
        "kind", "count", "time (low–high)", "piece value (low–high)"
    );
    for (name, e) in &estimates {
        let _ = writeln!(
            out,
            "{name:<28} {:>8} {:>28} {:>32}",
            e.count,
            time_range(e.seconds),
            money(e.piece_value)
        );
    }
    let _ = writeln!(
        out,
        "{:<28} {:>8} {:>28} {:>32}",
        "total",
        total.count,
        time_range(total.seconds),
        money(total.piece_value)
    );
    let _ = writeln!(
        out,
        "measured time: {} for {} of {} actions; the rest is modelled from the rate card",
        duration(total.measured_seconds),
        total.measured,
        total.count
    );
    let wage = options.valuation.hourly_wage(&CARD);
    let wage_name = match options.valuation.wage {
        WageChoice::Smic => "the SMIC",
        WageChoice::UsMinimum => "the US federal minimum wage",
        WageChoice::Own => "your wage",
    };
    let _ = writeln!(out, "at market piece rates:     {}", money(values.piece));
    let _ = writeln!(
        out,
        "at {wage_name} ({} {}/h): {}",
        amount(wage.central),
        currency.code(),
        money(values.at_wage)
    );
    let _ = writeln!(
        out,
        "at micro-workers' earnings: {}",
        money(values.at_microwork)
    );
    let _ = write!(
        out,
        "every figure and its source: rates/rate-card.toml, or the extension's methodology page"
    );
    Ok(out)
}

fn amount(value: f64) -> String {
    if value != 0.0 && value.abs() < 0.01 {
        format!("{value:.4}")
    } else {
        format!("{value:.2}")
    }
}

fn duration(seconds: f64) -> String {
    if seconds < 60.0 {
        format!("{seconds:.1} s")
    } else if seconds < 3600.0 {
        format!("{:.1} min", seconds / 60.0)
    } else {
        format!("{:.2} h", seconds / 3600.0)
    }
}

fn time_range(seconds: Range) -> String {
    format!(
        "{} ({}–{})",
        duration(seconds.central),
        duration(seconds.low),
        duration(seconds.high)
    )
}
