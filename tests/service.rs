//! The service worker's core, run natively against the in-memory ports: what gets counted, what
//! is refused, and that nothing is acknowledged before it is stored.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "in a test, a panic is a failed test"
)]

use pollster::block_on;
use tacheron::card::Currency;
use tacheron::classify::{Observation, Rejection};
use tacheron::date::Instant;
use tacheron::estimate::{Valuation, WageChoice};
use tacheron::export::Export;
use tacheron::import::ImportProblem;
use tacheron::memory::{FixedClock, MemoryStorage};
use tacheron::model::{Kind, Platform};
use tacheron::ports::Clock;
use tacheron::protocol::{Effects, Handled, Request, Response, Sender};
use tacheron::service::Service;
use tacheron::settings::Preferences;
use tacheron::views::{NamedPeriod, Period};

const EXTENSION: &str = "chrome-extension://abcdefghijklmnop/";
// 2026-11-28T10:00:00Z
const SATURDAY_MORNING: Instant = Instant {
    epoch_ms: 1_795_860_000_000,
    utc_offset_minutes: 60,
};

fn service() -> Service<MemoryStorage, FixedClock> {
    Service::new(
        MemoryStorage::new(),
        MemoryStorage::new(),
        FixedClock::new(SATURDAY_MORNING),
        EXTENSION,
    )
}

/// The service's answer alone (what it asks of the browser is checked where it matters).
async fn answer_of(
    service: &Service<MemoryStorage, FixedClock>,
    request: Request,
    sender: &Sender,
) -> Response {
    service.handle(request, sender).await.response
}

/// The service's answer with what it asks of the browser.
fn handled(service: &Service<MemoryStorage, FixedClock>, request: Request) -> Handled<Response> {
    block_on(service.handle(request, &dashboard()))
}

/// Checks that `request` from `sender` is refused with an error.
fn assert_refused(service: &Service<MemoryStorage, FixedClock>, request: Request, sender: &Sender) {
    let answer = block_on(answer_of(service, request, sender));
    assert!(
        matches!(answer, Response::Error { .. }),
        "{sender:?} got {answer:?}"
    );
}

fn youtube() -> Sender {
    Sender {
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
        ..Sender::default()
    }
}

fn dashboard() -> Sender {
    Sender {
        url: format!("{EXTENSION}pages/dashboard.html"),
        ..Sender::default()
    }
}

fn toggle(control: &str, before: bool, after: bool) -> Request {
    Request::Observe {
        observation: Observation::Toggle {
            control: control.into(),
            before,
            after,
            item: None,
        },
    }
}

fn export_json(service: &Service<MemoryStorage, FixedClock>) -> serde_json::Value {
    match block_on(answer_of(service, Request::Export {}, &dashboard())) {
        Response::Export { export } => serde_json::to_value(export).expect("serializable"),
        other => panic!("expected an export, got {other:?}"),
    }
}

#[test]
fn a_like_is_stored_under_the_local_date_before_it_is_acknowledged() {
    let service = service();
    let answer = block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    assert_eq!(
        answer,
        Response::Recorded {
            platform: Platform::Youtube,
            kinds: vec![Kind::Reaction],
        }
    );
    let stored = service.storage().snapshot();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored["day:2026-11-28"], serde_json::json!("yrl=1"));
}

#[test]
fn like_then_unlike_exports_one_reaction_and_one_unreaction() {
    let service = service();
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    block_on(answer_of(&service, toggle("like", true, false), &youtube()));
    let records = export_json(&service)["records"].clone();
    assert_eq!(
        records,
        serde_json::json!([
            { "date": "2026-11-28", "platform": "youtube", "kind": "reaction", "detail": "like", "count": 1 },
            { "date": "2026-11-28", "platform": "youtube", "kind": "unreaction", "detail": "like", "count": 1 }
        ])
    );
}

#[test]
fn observations_from_other_sites_count_nothing() {
    let service = service();
    for url in [
        "https://www.example.org/watch?v=1",
        "https://www.youtube.com.example.org/",
        "http://www.youtube.com/watch?v=1",
        "chrome-extension://abcdefghijklmnop/pages/dashboard.html",
    ] {
        let answer = block_on(answer_of(
            &service,
            toggle("like", false, true),
            &Sender {
                url: url.into(),
                ..Sender::default()
            },
        ));
        assert_eq!(
            answer,
            Response::Ignored {
                reason: Rejection::UnknownSite
            },
            "{url}"
        );
    }
    assert!(service.storage().snapshot().is_empty());
}

#[test]
fn web_pages_cannot_read_the_ledger() {
    let service = service();
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    let all = Request::Overview {
        locale: None,
        period: Period::Named(NamedPeriod::All),
    };
    for request in [all, Request::Export {}] {
        for sender in [
            youtube(),
            Sender {
                url: "chrome-extension://another-extension/pages/dashboard.html".into(),
                ..Sender::default()
            },
        ] {
            assert_refused(&service, request.clone(), &sender);
        }
    }
}

#[test]
fn a_failing_store_acknowledges_nothing_and_loses_nothing_already_stored() {
    let service = service();
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    service.storage().set_failing(true);
    assert_refused(&service, toggle("dislike", false, true), &youtube());
    service.storage().set_failing(false);
    let records = export_json(&service)["records"].clone();
    assert_eq!(records.as_array().map(Vec::len), Some(1));
    assert_eq!(records[0]["detail"], "like");
}

#[test]
fn a_corrupt_day_record_is_reported_not_overwritten() {
    let service = service();
    let corrupt = serde_json::json!({ "youtube/reaction/like": "many" });
    service.storage().put_raw("day:2026-11-28", corrupt.clone());
    assert_refused(&service, toggle("like", false, true), &youtube());
    assert_eq!(service.storage().snapshot()["day:2026-11-28"], corrupt);
    let all = Request::Overview {
        locale: None,
        period: Period::Named(NamedPeriod::All),
    };
    assert_refused(&service, all, &dashboard());
}

#[test]
fn actions_are_filed_under_the_day_they_happen_and_summed_across_days() {
    let clock_service = service();
    block_on(answer_of(
        &clock_service,
        toggle("like", false, true),
        &youtube(),
    ));
    // 2026-11-29T08:00:00Z, the next morning
    let next_morning = Instant {
        epoch_ms: SATURDAY_MORNING.epoch_ms + 22 * 3_600_000,
        utc_offset_minutes: 60,
    };
    let service = Service::new(
        MemoryStorage::new(),
        MemoryStorage::new(),
        FixedClock::new(next_morning),
        EXTENSION,
    );
    for (key, value) in clock_service.storage().snapshot() {
        service.storage().put_raw(&key, value);
    }
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    let dates: Vec<String> = export_json(&service)["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| r["date"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(dates, ["2026-11-28", "2026-11-29"]);
    let summary = summary_of(&service, None);
    assert_eq!(summary.total.count, 2);
    assert!(summary.total.seconds.central > 0.0);
    assert!(summary.total.piece_value.low <= summary.total.piece_value.high);
}

fn toggle_item(control: &str, before: bool, after: bool, item: u32) -> Request {
    Request::Observe {
        observation: Observation::Toggle {
            control: control.into(),
            before,
            after,
            item: Some(item),
        },
    }
}

#[test]
fn like_unlike_like_on_the_same_item_is_one_reaction_and_one_unreaction() {
    let service = service();
    for (before, after) in [(false, true), (true, false), (false, true), (true, false)] {
        block_on(answer_of(
            &service,
            toggle_item("like", before, after, 99),
            &youtube(),
        ));
    }
    let records = export_json(&service)["records"].clone();
    let counts: Vec<(String, u64)> = records
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or_default().to_owned(),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("reaction".to_owned(), 1), ("unreaction".to_owned(), 1)]
    );
}

#[test]
fn a_flood_beyond_the_platform_ceiling_is_dropped() {
    let service = service();
    let mut recorded = 0;
    for item in 0..200 {
        let answer = block_on(answer_of(
            &service,
            toggle_item("like", false, true, item),
            &youtube(),
        ));
        match answer {
            Response::Recorded { .. } => recorded += 1,
            Response::Ignored {
                reason: Rejection::OverCeiling,
            } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    let ceiling = tacheron::rules::rules_for_url("https://www.youtube.com/")
        .expect("youtube")
        .ceiling_per_minute;
    assert_eq!(recorded, ceiling);
    let records = export_json(&service)["records"].clone();
    assert_eq!(records[0]["count"], u64::from(ceiling));
}

fn captcha_frame(url: &str, tab_url: Option<&str>) -> Sender {
    Sender {
        url: url.into(),
        tab_id: Some(12),
        tab_url: tab_url.map(str::to_owned),
    }
}

fn captcha(event: &str, challenge: Option<&str>) -> Request {
    serde_json::from_value(serde_json::json!({
        "type": "observe",
        "observation": { "signal": "captcha", "event": event, "challenge": challenge }
    }))
    .expect("a valid captcha observation")
}

/// The answer to the captcha `event` (and its `challenge`) from the frame at `frame`, in the tab
/// showing `tab_url`.
fn captcha_event(
    service: &Service<MemoryStorage, FixedClock>,
    frame: &str,
    tab_url: Option<&str>,
    event: &str,
    challenge: Option<&str>,
) -> Response {
    let request = captcha(event, challenge);
    block_on(answer_of(service, request, &captcha_frame(frame, tab_url)))
}

const ANCHOR: &str = "https://www.google.com/recaptcha/api2/anchor?k=x&size=normal";
const BFRAME: &str = "https://www.google.com/recaptcha/api2/bframe?k=x";

#[test]
fn an_image_captcha_on_another_site_is_one_solve_on_other_without_the_site() {
    let service = service();
    let shop = Some("https://shop.example.net/checkout?order=42");
    for (frame, event, challenge) in [
        (ANCHOR, "interact", None),
        (BFRAME, "challenge", Some("image")),
        (BFRAME, "tile", None),
        (BFRAME, "round", None),
    ] {
        captcha_event(&service, frame, shop, event, challenge);
    }
    let answer = captcha_event(&service, ANCHOR, shop, "solved", None);
    assert_eq!(
        answer,
        Response::Recorded {
            platform: Platform::Other,
            kinds: vec![Kind::Captcha],
        }
    );
    let export = export_json(&service);
    let record = &export["records"][0];
    assert_eq!(record["platform"], "other");
    assert_eq!(record["detail"], "recaptcha-image");
    assert_eq!(
        (record["rounds"].as_u64(), record["tiles"].as_u64()),
        (Some(1), Some(1))
    );
    let everything = format!("{:?}{export}", service.storage().snapshot());
    assert!(!everything.contains("shop") && !everything.contains("example.net"));
}

#[test]
fn a_passive_captcha_and_a_look_alike_frame_count_nothing() {
    let service = service();
    let answer = captcha_event(&service, ANCHOR, None, "solved", None);
    assert_eq!(
        answer,
        Response::Ignored {
            reason: Rejection::Passive
        }
    );
    let fake = "https://www.example.org/recaptcha/api2/anchor?k=x";
    captcha_event(&service, fake, None, "interact", None);
    let answer = captcha_event(&service, fake, None, "solved", None);
    assert_eq!(
        answer,
        Response::Ignored {
            reason: Rejection::UnknownSite
        }
    );
    assert!(service.storage().snapshot().is_empty());
}

#[test]
fn a_platform_switched_off_counts_nothing_from_then_on() {
    let service = service();
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    let off =
        serde_json::json!({ "type": "set_platform", "platform": "youtube", "enabled": false });
    let off: Request = serde_json::from_value(off).expect("valid");
    assert_refused(&service, off.clone(), &youtube());
    assert!(matches!(
        block_on(answer_of(&service, off, &dashboard())),
        Response::Settings { .. }
    ));
    let answer = block_on(answer_of(
        &service,
        toggle("dislike", false, true),
        &youtube(),
    ));
    assert_eq!(
        answer,
        Response::Ignored {
            reason: Rejection::PlatformOff
        }
    );
    assert_eq!(
        export_json(&service)["records"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn diagnostics_show_the_tab_platform_and_recent_kinds_but_no_page() {
    let service = service();
    block_on(answer_of(
        &service,
        toggle_item("like", false, true, 5),
        &youtube(),
    ));
    block_on(answer_of(
        &service,
        toggle_item("like", true, false, 5),
        &youtube(),
    ));
    block_on(answer_of(
        &service,
        toggle_item("like", false, true, 5),
        &youtube(),
    ));
    let ask: Request = serde_json::from_value(serde_json::json!({
        "type": "popup", "tab_url": "https://www.youtube.com/watch?v=secret"
    }))
    .expect("valid");
    let Response::Popup { diagnostics, .. } = block_on(answer_of(&service, ask, &dashboard()))
    else {
        panic!("expected the popup's answer");
    };
    assert_eq!(diagnostics.tab_platform, Some(Platform::Youtube));
    let outcomes: Vec<&str> = diagnostics
        .recent
        .iter()
        .map(|o| o.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["repeated", "counted", "counted"]);
    let everything = format!("{diagnostics:?}{:?}", service.storage().snapshot());
    assert!(!everything.contains("secret"));
}

#[test]
fn a_mastodon_server_the_user_added_counts_and_never_reaches_the_ledger_by_name() {
    let service = service();
    let piaille = Sender {
        url: "https://piaille.fr/@someone/1234".into(),
        ..Sender::default()
    };
    let favourite = || toggle("favourite", false, true);
    assert_eq!(
        block_on(answer_of(&service, favourite(), &piaille)),
        Response::Ignored {
            reason: Rejection::UnknownSite
        }
    );
    let add: Request = serde_json::from_value(
        serde_json::json!({ "type": "add_mastodon_server", "host": "https://Piaille.fr/" }),
    )
    .expect("valid");
    assert_refused(&service, add.clone(), &piaille);
    assert!(matches!(
        block_on(answer_of(&service, add, &dashboard())),
        Response::Settings { .. }
    ));
    assert!(matches!(
        block_on(answer_of(&service, favourite(), &piaille)),
        Response::Recorded { .. }
    ));
    let export = export_json(&service);
    assert_eq!(export["records"][0]["platform"], "mastodon");
    assert!(!export.to_string().contains("piaille"));
    let bad: Request = serde_json::from_value(
        serde_json::json!({ "type": "add_mastodon_server", "host": "10.0.0.1" }),
    )
    .expect("valid");
    assert_refused(&service, bad, &dashboard());
}

fn summary_of(
    service: &Service<MemoryStorage, FixedClock>,
    locale: Option<&str>,
) -> tacheron::summary::Summary {
    // The whole ledger's summary: the overview of every day.
    let request = Request::Overview {
        locale: locale.map(str::to_owned),
        period: Period::Named(NamedPeriod::All),
    };
    match block_on(answer_of(service, request, &dashboard())) {
        Response::Overview { overview } => overview.summary,
        other => panic!("expected an overview, got {other:?}"),
    }
}

#[test]
fn money_follows_the_browser_language_until_the_user_chooses_and_then_the_choice() {
    let service = service();
    block_on(answer_of(&service, toggle("like", false, true), &youtube()));
    let french = summary_of(&service, Some("fr-FR"));
    assert_eq!(french.valuation, Valuation::for_locale("fr"));
    let english = summary_of(&service, Some("en-GB"));
    assert_eq!(english.valuation, Valuation::for_locale("en"));
    assert_eq!(french.total.seconds, english.total.seconds);

    let own = Valuation {
        currency: Currency::Eur,
        wage: WageChoice::Own,
        own_hourly: Some(30.0),
    };
    let answer = block_on(answer_of(
        &service,
        Request::SetValuation { valuation: own },
        &dashboard(),
    ));
    assert!(matches!(answer, Response::Settings { .. }), "{answer:?}");
    let chosen = summary_of(&service, Some("en-US"));
    assert_eq!(chosen.valuation, own);
    let hours = chosen.total.seconds.central / 3600.0;
    assert!((chosen.values.at_wage.central - hours * 30.0).abs() < 1e-9);

    let absurd = Valuation {
        own_hourly: Some(-1.0),
        ..own
    };
    let refused = Request::SetValuation { valuation: absurd };
    assert_refused(&service, refused, &dashboard());
    assert_eq!(
        summary_of(&service, None).valuation,
        own,
        "the earlier choice stays"
    );
}

#[test]
fn a_web_page_cannot_change_the_valuation() {
    let service = service();
    let valuation = Valuation::for_locale("fr");
    assert_refused(&service, Request::SetValuation { valuation }, &youtube());
    assert_eq!(
        summary_of(&service, Some("en")).valuation,
        Valuation::for_locale("en")
    );
}

fn service_clock_advance(service: &Service<MemoryStorage, FixedClock>, ms: i64) {
    let now = service.clock().now();
    service.clock().set(Instant {
        epoch_ms: now.epoch_ms + ms,
        ..now
    });
}

fn ask(service: &Service<MemoryStorage, FixedClock>, request: Request) -> Response {
    block_on(answer_of(service, request, &dashboard()))
}

fn like_on(service: &Service<MemoryStorage, FixedClock>) -> Response {
    block_on(answer_of(service, toggle("like", false, true), &youtube()))
}

#[test]
fn a_pause_stops_counting_until_its_time_or_until_resumed() {
    let service = service();
    let until = SATURDAY_MORNING.epoch_ms + 3_600_000;
    assert!(matches!(
        ask(
            &service,
            Request::Pause {
                until_ms: Some(until)
            }
        ),
        Response::Settings { .. }
    ));
    let paused = like_on(&service);
    assert_eq!(
        paused,
        Response::Ignored {
            reason: Rejection::Paused
        }
    );
    let Response::Popup { diagnostics, .. } = ask(&service, Request::Popup { tab_url: None })
    else {
        panic!("the popup's answer")
    };
    let last = diagnostics
        .recent
        .last()
        .map(|r| (r.platform, r.outcome.clone()));
    assert_eq!(
        last,
        Some((Platform::Youtube, "paused".to_owned())),
        "the popup can say why"
    );
    assert!(
        export_json(&service)["records"]
            .as_array()
            .expect("records")
            .is_empty()
    );

    ask(&service, Request::Pause { until_ms: None });
    service_clock_advance(&service, 2 * 3_600_000);
    assert!(
        matches!(
            like_on(&service),
            Response::Ignored {
                reason: Rejection::Paused
            }
        ),
        "until resumed"
    );
    ask(&service, Request::Resume {});
    assert!(matches!(like_on(&service), Response::Recorded { .. }));
}

#[test]
fn the_badge_gets_todays_count_only_when_the_user_wants_it() {
    let service = service();
    let liked = block_on(service.handle(toggle_item("like", false, true, 6), &youtube()));
    assert!(matches!(liked.response, Response::Recorded { .. }));
    assert_eq!(
        liked.effects,
        Effects::default(),
        "no badge wanted, none shown"
    );
    let preferences = Preferences {
        badge: true,
        ..Preferences::default()
    };
    let switched_on = handled(&service, Request::SetPreferences { preferences });
    assert_eq!(
        switched_on.effects.badge.as_deref(),
        Some("1"),
        "on at once"
    );
    let liked = block_on(service.handle(toggle_item("like", false, true, 7), &youtube()));
    assert_eq!(liked.effects.badge.as_deref(), Some("2"));
    let off = Preferences::default();
    let switched_off = handled(&service, Request::SetPreferences { preferences: off });
    assert_eq!(
        switched_off.effects.badge.as_deref(),
        Some(""),
        "hidden at once"
    );
}

#[test]
fn the_worker_wakes_to_the_badge_the_next_midnight_the_mastodon_servers_and_the_queue() {
    let service = service();
    like_on(&service);
    let preferences = Preferences {
        badge: true,
        ..Preferences::default()
    };
    ask(&service, Request::SetPreferences { preferences });
    ask(
        &service,
        Request::AddMastodonServer {
            host: "piaille.fr".into(),
        },
    );
    let woken = handled(&service, Request::Wake {});
    assert_eq!(woken.response, Response::Awake);
    let now = service.clock().now();
    assert_eq!(
        woken.effects,
        Effects {
            badge: Some("1".into()),
            new_day_alarm_ms: Some(now.next_local_midnight_ms() + 1000),
            mastodon_servers: Some(vec!["piaille.fr".into()]),
            deliver_reports: false,
            study_queue_alarm: None,
        }
    );
    // Someone who joined a study: the worker posts what is due each time it wakes.
    service.storage().put_raw(
        "studies",
        serde_json::json!({ "studies": [], "outbox": [] }),
    );
    assert!(handled(&service, Request::Wake {}).effects.deliver_reports);
    // The new day: the badge starts again from nothing.
    service_clock_advance(&service, 86_400_000);
    assert_eq!(
        handled(&service, Request::Wake {}).effects.badge.as_deref(),
        Some("0")
    );
}

#[test]
fn the_popup_gets_todays_figures_the_settings_and_the_diagnostics_in_one_answer() {
    let service = service();
    like_on(&service);
    block_on(service.handle(toggle_item("dislike", false, true, 4), &youtube()));
    let yesterday_like = toggle_item("like", false, true, 5);
    service_clock_advance(&service, -86_400_000);
    block_on(service.handle(yesterday_like, &youtube()));
    service_clock_advance(&service, 86_400_000);
    let tab_url = Some("https://www.youtube.com/watch?v=x".to_owned());
    let Response::Popup {
        settings,
        today,
        diagnostics,
        studies_joined,
    } = ask(&service, Request::Popup { tab_url })
    else {
        panic!("no popup answer");
    };
    assert_eq!(today.count, 2, "yesterday's like is not today's");
    assert_eq!(today.kinds.len(), 1);
    assert_eq!(
        (today.kinds[0].kind, today.kinds[0].count),
        (Kind::Reaction, 2)
    );
    assert!(today.seconds.low > 0.0 && today.seconds.low <= today.seconds.high);
    assert_eq!(settings.paused, None);
    assert_eq!(diagnostics.tab_platform, Some(Platform::Youtube));
    assert!(!studies_joined);
    // A web page cannot read it.
    assert_refused(&service, Request::Popup { tab_url: None }, &youtube());
}

#[test]
fn importing_merges_once_and_a_bad_file_changes_nothing() {
    let service = service();
    like_on(&service);
    let file: Export = serde_json::from_value(serde_json::json!({
        "format": "tacheron-export", "version": 1,
        "records": [
            { "date": "2026-11-20", "platform": "x", "kind": "post", "detail": "post", "count": 3, "measured": 3, "measured_seconds": 95.5 },
            { "date": "2026-11-28", "platform": "youtube", "kind": "reaction", "detail": "like", "count": 1 }
        ]
    }))
    .expect("an export");
    let first = ask(
        &service,
        Request::Import {
            export: file.clone(),
        },
    );
    assert_eq!(
        first,
        Response::Imported {
            records: 2,
            changed_days: 1
        }
    );
    let before = service.storage().snapshot();
    let again = ask(&service, Request::Import { export: file });
    assert_eq!(
        again,
        Response::Imported {
            records: 2,
            changed_days: 0
        }
    );
    assert_eq!(service.storage().snapshot(), before);

    let hostile: Export = serde_json::from_value(serde_json::json!({
        "format": "tacheron-export", "version": 1,
        "records": [
            { "date": "2026-11-21", "platform": "x", "kind": "post", "count": 5 },
            { "date": "2026-11-22", "platform": "x", "kind": "post", "count": 2, "measured": 9 }
        ]
    }))
    .expect("well-formed");
    let refused = ask(&service, Request::Import { export: hostile });
    assert_eq!(
        refused,
        Response::ImportRefused {
            problem: ImportProblem::MoreMeasuredThanActions { record: 2 }
        }
    );
    assert_eq!(
        serde_json::to_value(&refused).expect("json"),
        serde_json::json!({"type": "import_refused", "problem": {"code": "more_measured_than_actions", "record": 2}}),
        "the page reads the code and the record's number"
    );
    assert_eq!(
        service.storage().snapshot(),
        before,
        "nothing of the bad file was written"
    );
}

#[test]
fn the_overview_of_a_week_and_the_csv_follow_the_ledger() {
    let service = service();
    like_on(&service);
    let answer = ask(
        &service,
        Request::Overview {
            locale: Some("fr".into()),
            period: Period::Named(NamedPeriod::Days7),
        },
    );
    let Response::Overview { overview } = answer else {
        panic!("expected an overview, got {answer:?}")
    };
    assert_eq!(overview.summary.total.count, 1);
    assert_eq!(overview.this_week.count, 1);
    assert_eq!(overview.daily.len(), 7);
    assert!(overview.charts.daily.contains("kind-reaction"));
    let csv = ask(&service, Request::ExportCsv {});
    assert_eq!(csv, Response::Csv { csv: "date,platform,kind,detail,count,measured,measured_seconds,rounds,tiles\n2026-11-28,youtube,reaction,like,1,,,,\n".into() });
}

#[test]
fn the_dashboard_opens_on_one_answer_with_the_settings_and_the_same_overview() {
    let service = service();
    like_on(&service);
    let off: Request = serde_json::from_value(
        serde_json::json!({ "type": "set_platform", "platform": "x", "enabled": false }),
    )
    .expect("valid");
    ask(&service, off);
    let opening: Request = serde_json::from_value(
        serde_json::json!({ "type": "dashboard", "locale": "fr", "period": "7d" }),
    )
    .expect("valid");
    let answer = ask(&service, opening);
    let Response::Dashboard { settings, overview } = answer else {
        panic!("expected the dashboard's opening answer, got {answer:?}")
    };
    assert_eq!(settings.disabled_platforms, vec![Platform::X]);
    let alone = ask(
        &service,
        Request::Overview {
            locale: Some("fr".into()),
            period: Period::Named(NamedPeriod::Days7),
        },
    );
    assert_eq!(alone, Response::Overview { overview });
    // A web page gets neither.
    let from_page: Request =
        serde_json::from_value(serde_json::json!({ "type": "dashboard", "period": "7d" }))
            .expect("valid");
    assert_refused(&service, from_page, &youtube());
}

#[test]
fn deleting_everything_leaves_an_empty_ledger_and_default_settings() {
    let service = service();
    like_on(&service);
    ask(
        &service,
        Request::SetPlatform {
            platform: Platform::X,
            enabled: false,
        },
    );
    let deleted = handled(&service, Request::DeleteEverything {});
    assert_eq!(deleted.response, Response::Deleted { days: 1 });
    assert_eq!(deleted.effects.badge.as_deref(), Some(""));
    assert_eq!(deleted.effects.mastodon_servers, Some(Vec::new()));
    assert_eq!(deleted.effects.study_queue_alarm, Some(None));
    assert!(service.storage().snapshot().is_empty());
    // A web page cannot delete.
    assert_refused(&service, Request::DeleteEverything {}, &youtube());
}

#[test]
fn the_ledger_is_read_again_once_the_store_changed_behind_the_core() {
    let service = service();
    like_on(&service);
    let before = summary_of(&service, None);
    assert_eq!(before.total.count, 1);
    // Another page of the extension writes the store directly; the browser then reports the
    // change, and the extension tells the core to forget what it kept.
    service
        .storage()
        .put_raw("day:2026-11-27", serde_json::json!("yrl=4"));
    service.forget_cached_reads();
    assert_eq!(summary_of(&service, None).total.count, 5);
    // The core's own writes are seen at once.
    block_on(answer_of(
        &service,
        toggle_item("like", false, true, 9),
        &youtube(),
    ));
    assert_eq!(summary_of(&service, None).total.count, 6);
}

#[test]
fn settings_are_read_again_once_the_store_changed_behind_the_core() {
    let service = service();
    // Read once: the core now keeps them.
    assert!(matches!(
        block_on(answer_of(&service, Request::Settings {}, &dashboard())),
        Response::Settings { .. }
    ));
    // Another copy of the core (the studies' module) switches YouTube off in the store.
    service.storage().put_raw(
        "settings",
        serde_json::json!({ "disabled_platforms": ["youtube"] }),
    );
    service.forget_cached_reads();
    assert_eq!(
        block_on(answer_of(&service, toggle("like", false, true), &youtube())),
        Response::Ignored {
            reason: Rejection::PlatformOff
        }
    );
    // The core's own change is seen at once, without the browser's notice.
    let on: Request = serde_json::from_value(
        serde_json::json!({ "type": "set_platform", "platform": "youtube", "enabled": true }),
    )
    .expect("valid");
    block_on(answer_of(&service, on, &dashboard()));
    assert!(matches!(
        block_on(answer_of(&service, toggle("like", false, true), &youtube())),
        Response::Recorded { .. }
    ));
}
