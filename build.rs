//! Turns the rate card (`rates/rate-card.toml`) into Rust data (`$OUT_DIR/rate_card.rs`), so that
//! the core carries the card without a parser in the WebAssembly module.
//!
//! For the WebAssembly module the card keeps its numbers only: the citations and the reasoning
//! behind assumptions (about ten kilobytes of text) are left out, because the extension's pages
//! read them from `rate-card.json`, which `tacheron rate-card` writes at build time from the
//! native build's full card.
//!
//! The classroom's figures (the workshop's piece rates, the sizes of the data sets models learn
//! from) and the sources only they cite are a static of their own (`classroom_figures.rs`), which
//! only the classroom crate reads: the linker leaves them out of the service worker's module.
//!
//! This script only converts; it judges nothing. Whether every figure has a source or an
//! assumption, and every range is in order, is checked by the tests in `src/card.rs`, so that a
//! bad card fails a test with a message rather than a build.

use serde::Deserialize;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const CARD_PATH: &str = "rates/rate-card.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Card {
    version: String,
    published: String,
    sources: Vec<Source>,
    exchange: Exchange,
    wages: Vec<Money>,
    revenue: Vec<Money>,
    cloudflare: Cloudflare,
    value_forms: Attribution,
    actions: Vec<Action>,
    #[serde(default)]
    workshop: Vec<TaskRate>,
    #[serde(default)]
    context: Vec<Context>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Attribution {
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    citation: String,
    url: Option<String>,
    year: u16,
    #[serde(default)]
    secondary: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    en: String,
    fr: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    low: f64,
    central: f64,
    high: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exchange {
    usd_per_eur: f64,
    date: String,
    #[serde(default)]
    sources: Vec<String>,
    assumption: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Money {
    #[serde(default)]
    id: String,
    #[serde(default)]
    platforms: Vec<String>,
    #[serde(alias = "range")]
    amount: Range,
    currency: String,
    year: u16,
    #[serde(default)]
    sources: Vec<String>,
    assumption: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Time {
    range: Range,
    #[serde(default)]
    sources: Vec<String>,
    assumption: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cloudflare {
    seconds_per_captcha: f64,
    users: f64,
    days_between_captchas: f64,
    #[serde(default)]
    sources: Vec<String>,
    assumption: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    kind: String,
    detail: Option<String>,
    values: Vec<String>,
    time: Time,
    value: Money,
}

// The classroom's figures (see `generate_classroom`).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskRate {
    task: String,
    value: Money,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Context {
    task: String,
    id: String,
    examples: f64,
    year: u16,
    #[serde(default)]
    sources: Vec<String>,
    assumption: Option<Text>,
}

/// `captcha` → `Captcha`: the enum variant of a lower-case name.
fn variant(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn float(value: f64) -> String {
    format!("{value:?}")
}

fn range(r: &Range) -> String {
    format!(
        "Range::new({}, {}, {})",
        float(r.low),
        float(r.central),
        float(r.high)
    )
}

/// Whether the texts are kept (not for the WebAssembly module).
fn with_texts() -> bool {
    env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32")
}

/// The ids of the sources the figures outside the classroom cite.
fn cited_outside_classroom(card: &Card) -> Vec<&str> {
    let mut lists: Vec<&[String]> = vec![
        &card.exchange.sources,
        &card.cloudflare.sources,
        &card.value_forms.sources,
    ];
    lists.extend(
        card.wages
            .iter()
            .chain(&card.revenue)
            .map(|m| &m.sources[..]),
    );
    for action in &card.actions {
        lists.push(&action.time.sources);
        lists.push(&action.value.sources);
    }
    lists.into_iter().flatten().map(String::as_str).collect()
}

/// A text, or nothing when texts are left out.
fn text(value: &str) -> String {
    if with_texts() {
        format!("{value:?}")
    } else {
        "\"\"".to_owned()
    }
}

fn basis(sources: &[String], assumption: &Option<Text>) -> String {
    let assumption = match assumption {
        Some(t) => format!("Some(Text {{ en: {}, fr: {} }})", text(&t.en), text(&t.fr)),
        None => "None".to_owned(),
    };
    format!("Basis {{ sources: &{sources:?}, assumption: {assumption} }}")
}

fn money(m: &Money) -> String {
    format!(
        "Money {{ amount: {}, currency: Currency::{}, year: {}, basis: {} }}",
        range(&m.amount),
        variant(&m.currency.to_lowercase()),
        m.year,
        basis(&m.sources, &m.assumption)
    )
}

/// Writes the field `name` as a Rust slice: one line per item, as `item` writes it.
fn list<T>(
    out: &mut String,
    name: &str,
    items: impl IntoIterator<Item = T>,
    item: impl Fn(T) -> String,
) {
    let _ = writeln!(out, "    {name}: &[");
    for each in items {
        let _ = writeln!(out, "        {},", item(each));
    }
    let _ = writeln!(out, "    ],");
}

/// `Platform::Youtube, Platform::X`: the variants of `enum_name` for lower-case names.
fn variants(enum_name: &str, names: &[String]) -> String {
    let paths: Vec<String> = names
        .iter()
        .map(|name| format!("{enum_name}::{}", variant(name)))
        .collect();
    paths.join(", ")
}

/// The sources for which `keep` says yes, as a Rust slice.
fn sources<'a>(out: &mut String, card: &'a Card, keep: impl Fn(&'a str) -> bool) {
    list(
        out,
        "sources",
        card.sources.iter().filter(|s| keep(&s.id)),
        |s| {
            format!(
                "Source {{ id: {:?}, citation: {}, url: {:?}, year: {}, secondary: {} }}",
                s.id,
                text(&s.citation),
                s.url.as_ref().filter(|_| with_texts()),
                s.year,
                s.secondary
            )
        },
    );
}

/// A generated struct expression of type `name`, whose fields `fields` writes.
fn generated(name: &str, fields: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Generated by build.rs from rates/rate-card.toml; edit that file instead."
    );
    let _ = writeln!(out, "{name} {{");
    fields(&mut out);
    let _ = writeln!(out, "}}");
    out
}

/// The card the service reads: every figure but the classroom's.
fn generate(card: &Card) -> String {
    generated("RateCard", |out| {
        let _ = writeln!(out, "    version: {:?},", card.version);
        let _ = writeln!(out, "    published: {:?},", card.published);
        let cited = cited_outside_classroom(card);
        sources(out, card, |id| cited.contains(&id));
        let e = &card.exchange;
        let _ = writeln!(
            out,
            "    exchange: Exchange {{ usd_per_eur: {}, date: {:?}, basis: {} }},",
            float(e.usd_per_eur),
            e.date,
            basis(&e.sources, &e.assumption)
        );
        list(out, "wages", &card.wages, |w| {
            format!("Wage {{ id: {:?}, hourly: {} }}", w.id, money(w))
        });
        list(out, "revenue", &card.revenue, |r| {
            format!(
                "Revenue {{ id: {:?}, platforms: &[{}], yearly: {} }}",
                r.id,
                variants("Platform", &r.platforms),
                money(r)
            )
        });
        let c = &card.cloudflare;
        let _ = writeln!(
            out,
            "    cloudflare: Cloudflare {{ seconds_per_captcha: {}, users: {}, days_between_captchas: {}, basis: {} }},",
            float(c.seconds_per_captcha),
            float(c.users),
            float(c.days_between_captchas),
            basis(&c.sources, &c.assumption)
        );
        let _ = writeln!(
            out,
            "    value_forms: {},",
            basis(&card.value_forms.sources, &None)
        );
        list(out, "actions", &card.actions, |a| {
            format!(
                "ActionRate {{ kind: Kind::{}, detail: {:?}, values: &[{}], time: Time {{ seconds: {}, basis: {} }}, value: {} }}",
                variant(&a.kind),
                a.detail,
                variants("ValueForm", &a.values),
                range(&a.time.range),
                basis(&a.time.sources, &a.time.assumption),
                money(&a.value)
            )
        });
    })
}

/// The classroom's figures, and the sources only they cite.
fn generate_classroom(card: &Card) -> String {
    generated("ClassroomFigures", |out| {
        let cited = cited_outside_classroom(card);
        sources(out, card, |id| !cited.contains(&id));
        list(out, "workshop", &card.workshop, |rate| {
            format!(
                "TaskRate {{ task: {:?}, value: {} }}",
                rate.task,
                money(&rate.value)
            )
        });
        list(out, "context", &card.context, |c| {
            format!(
                "Context {{ task: {:?}, id: {:?}, examples: {}, year: {}, basis: {} }}",
                c.task,
                c.id,
                float(c.examples),
                c.year,
                basis(&c.sources, &c.assumption)
            )
        });
    })
}

fn main() {
    println!("cargo:rerun-if-changed={CARD_PATH}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(CARD_PATH)
        .unwrap_or_else(|error| panic!("cannot read the rate card {CARD_PATH}: {error}"));
    let card: Card = toml::from_str(&text)
        .unwrap_or_else(|error| panic!("the rate card {CARD_PATH} is not valid: {error}"));
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|error| panic!("OUT_DIR: {error}"));
    for (name, code) in [
        ("rate_card.rs", generate(&card)),
        ("classroom_figures.rs", generate_classroom(&card)),
    ] {
        let target = Path::new(&out_dir).join(name);
        fs::write(&target, code)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", target.display()));
    }
}
