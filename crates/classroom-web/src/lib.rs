//! The classroom pages' WebAssembly module (`pkg/tacheron_classroom.js`), the boundary of
//! `crates/classroom`: the workshop's tasks, their scoring and valuation, share codes with
//! their QR code, and the class report. It touches no browser API — the pages read managed
//! storage and the dashboard's totals themselves and pass plain values in — and it is a module of
//! its own so that none of it weighs on the service worker's.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::BTreeMap;
use tacheron::card::{CARD, CLASSROOM_FIGURES, Currency};
use tacheron::date::LocalDate;
use tacheron::model::Kind;
use tacheron_classroom::class::{report, split_codes};
use tacheron_classroom::code::{Dashboard, Granularity, ShareCode, Span, decode, encode};
use tacheron_classroom::preset::{Plan, Preset};
use tacheron_classroom::qr::qr_svg;
use tacheron_classroom::score::{Response, Tallies, score};
use tacheron_classroom::tasks::draw;
use tacheron_classroom::value::results;
use tacheron_classroom::{Language, code::Session};
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

fn plan_of(plan: JsValue) -> Result<Plan, JsError> {
    let plan: Plan = from_js(plan, "plan")?;
    plan.check().map_err(|e| JsError::new(&e))?;
    Ok(plan)
}

fn currency_of(language: Language) -> Currency {
    match language {
        Language::Fr => Currency::Eur,
        Language::En => Currency::Usd,
    }
}

/// The workshop's plan from the teacher's preset (the `workshop` value of managed storage, or
/// `undefined` for the defaults). A preset that is not even an object gives the defaults: a bad
/// policy never stops a class.
#[wasm_bindgen]
pub fn workshop_plan(preset: JsValue) -> Result<JsValue, JsError> {
    let preset: Preset = serde_wasm_bindgen::from_value(preset).unwrap_or_default();
    to_js(&Plan::from_preset(&preset))
}

/// `plan` without the tasks that need sight (see [`Plan::without_sight`]).
#[wasm_bindgen]
pub fn workshop_plan_without_sight(plan: JsValue) -> Result<JsValue, JsError> {
    to_js(&plan_of(plan)?.without_sight())
}

/// The tasks of the workshop drawn from `seed`, without their answers, in `language`.
#[wasm_bindgen]
pub fn workshop_tasks(seed: u32, plan: JsValue, language: &str) -> Result<JsValue, JsError> {
    let plan = plan_of(plan)?;
    let workshop = draw(u64::from(seed), &plan.counts, Language::of_locale(language));
    to_js(&workshop.views())
}

/// The expected answers of the workshop drawn from `seed` (for tests and corrections).
#[wasm_bindgen]
pub fn workshop_answers(seed: u32, plan: JsValue) -> Result<JsValue, JsError> {
    let plan = plan_of(plan)?;
    to_js(&draw(u64::from(seed), &plan.counts, Language::En).answers())
}

/// What the page gets back for a workshop's answers.
#[derive(Serialize)]
struct Scored {
    tallies: Tallies,
    checked: Vec<tacheron_classroom::score::Checked>,
    results: tacheron_classroom::value::Results,
}

/// Scores `responses` (`[{index, ms, tiles?, text?, sentiment?}]`) against the workshop drawn
/// from `seed` and values them in the currency of `language` (euros for French, dollars
/// otherwise).
#[wasm_bindgen]
pub fn workshop_results(
    seed: u32,
    plan: JsValue,
    responses: JsValue,
    language: &str,
) -> Result<JsValue, JsError> {
    let plan = plan_of(plan)?;
    let responses: Vec<Response> = from_js(responses, "responses")?;
    let language = Language::of_locale(language);
    let workshop = draw(u64::from(seed), &plan.counts, language);
    let (tallies, checked) = score(&workshop, &responses);
    to_js(&Scored {
        results: results(&CARD, &CLASSROOM_FIGURES, &tallies, currency_of(language)),
        tallies,
        checked,
    })
}

/// The dashboard's totals as the page passes them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DashboardInput {
    span: Span,
    counts: BTreeMap<String, f64>,
    seconds: f64,
}

/// A whole number of at most `u32::MAX`, rounded.
fn whole(value: f64) -> u32 {
    // Clamped first, so the cast is exact.
    value.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn dashboard_of(input: DashboardInput) -> Result<Dashboard, JsError> {
    let mut counts = [0u32; 8];
    for (name, count) in &input.counts {
        let kind =
            Kind::parse(name).ok_or_else(|| JsError::new(&format!("unknown kind {name}")))?;
        if let Some(slot) = counts.get_mut(kind as usize) {
            *slot = whole(*count);
        }
    }
    Ok(Dashboard {
        span: input.span,
        counts,
        seconds: whole(input.seconds),
    })
}

/// A share code, its QR code, and what it holds (read back from the code itself).
#[derive(Serialize)]
struct Shared {
    code: String,
    qr: Option<String>,
    contents: ShareCode,
    session: String,
}

/// The share code of a workshop's `tallies`, for the session of `today` (`YYYY-MM-DD`) kept to
/// its `granularity` (`week` or `month`), with the dashboard's totals
/// (`{span, counts: {kind: n}, seconds}`) if the student chose to add them. `nonce` is a random
/// number the page draws.
#[wasm_bindgen]
pub fn share_code(
    tallies: JsValue,
    today: &str,
    granularity: &str,
    nonce: u16,
    dashboard: JsValue,
) -> Result<JsValue, JsError> {
    let workshop: Tallies = from_js(tallies, "tallies")?;
    let date = LocalDate::parse(today).ok_or_else(|| JsError::new("today: not a date"))?;
    let granularity = match granularity {
        "month" => Granularity::Month,
        _ => Granularity::Week,
    };
    let dashboard = if dashboard.is_undefined() || dashboard.is_null() {
        None
    } else {
        Some(dashboard_of(from_js(dashboard, "dashboard")?)?)
    };
    let code = encode(&ShareCode {
        nonce,
        session: Session::of(date, granularity),
        workshop,
        dashboard,
    });
    let contents = decode(&code).map_err(|e| JsError::new(&format!("{e:?}")))?;
    to_js(&Shared {
        qr: qr_svg(&code),
        session: contents.session.label(),
        contents,
        code,
    })
}

/// The class report of the codes in `text` (one per line, or separated by commas or
/// semicolons), valued in the currency of `language`.
#[wasm_bindgen]
pub fn class_report(text: &str, language: &str) -> Result<JsValue, JsError> {
    let codes = split_codes(text);
    let currency = currency_of(Language::of_locale(language));
    to_js(&report(&CARD, &CLASSROOM_FIGURES, &codes, currency))
}
