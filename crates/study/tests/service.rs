//! The studies' service, run natively on the in-memory ports beside the worker's core that owns
//! the ledger: joining, the report previewed and sealed, queued, delivered, leaving, and what the
//! worker is asked to do at each step.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "in a test, a panic is a failed test"
)]

use pollster::block_on;
use tacheron::classify::Observation;
use tacheron::date::Instant;
use tacheron::memory::{FixedClock, MemoryStorage, SeededRandom};
use tacheron::ports::Clock;
use tacheron::protocol::{Handled, Request, Response, Sender};
use tacheron::service::Service;
use tacheron_study::envelope::{generate_key_pair, open};
use tacheron_study::protocol::{StudyRequest, StudyResponse};
use tacheron_study::service::StudyService;
use tacheron_study::{PortRng, from_hex, to_hex};

const EXTENSION: &str = "chrome-extension://abcdefghijklmnop/";
// 2026-11-28T10:00:00Z
const SATURDAY_MORNING: Instant = Instant {
    epoch_ms: 1_795_860_000_000,
    utc_offset_minutes: 60,
};

type Core = Service<MemoryStorage, FixedClock>;
type Studies<'a> = StudyService<&'a MemoryStorage, &'a FixedClock, SeededRandom, &'a Core>;

fn core() -> Core {
    Service::new(
        MemoryStorage::new(),
        MemoryStorage::new(),
        FixedClock::new(SATURDAY_MORNING),
        EXTENSION,
    )
}

/// The studies' service on the core's own store and clock, reading the ledger through the core.
fn studies_of(core: &Core) -> Studies<'_> {
    StudyService::new(
        core.storage(),
        core.clock(),
        SeededRandom::new(42),
        core,
        EXTENSION,
    )
}

fn youtube() -> Sender {
    Sender {
        url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
        ..Sender::default()
    }
}

fn study_page() -> Sender {
    Sender {
        url: format!("{EXTENSION}pages/study.html"),
        ..Sender::default()
    }
}

fn like_on(core: &Core) -> Response {
    let like = Request::Observe {
        observation: Observation::Toggle {
            control: "like".into(),
            before: false,
            after: true,
            item: None,
        },
    };
    block_on(core.handle(like, &youtube())).response
}

fn clock_advance(core: &Core, ms: i64) {
    let now = core.clock().now();
    core.clock().set(Instant {
        epoch_ms: now.epoch_ms + ms,
        ..now
    });
}

fn study_manifest(public_key: &str) -> serde_json::Value {
    serde_json::json!({
        "format": "tacheron-study", "id": "labour-2026", "version": 1, "title": "Unpaid clicks",
        "institution": "Université Exemple", "contact": "study@univ.example",
        "purpose": "Totals only.", "ethics_approval": "CER-2026-117",
        "endpoint": "https://inbox.univ.example/v1/reports", "schedule": "weekly",
        "fields": { "kinds": ["reaction"], "platforms": ["youtube"], "estimated_time": false },
        "public_key": public_key, "start": "2026-11-02", "end": "2027-03-01"
    })
}

fn study_request(value: serde_json::Value) -> StudyRequest {
    serde_json::from_value(value).expect("request")
}

/// The answer, and what the worker is asked to do, to a message from the study page.
fn handled(studies: &Studies<'_>, value: serde_json::Value) -> Handled<StudyResponse> {
    block_on(studies.handle(study_request(value), &study_page()))
}

fn ask(studies: &Studies<'_>, value: serde_json::Value) -> StudyResponse {
    handled(studies, value).response
}

/// The one study of a `study_list` answer, as JSON.
fn only_study(response: StudyResponse) -> serde_json::Value {
    let StudyResponse::StudyList { studies, .. } = response else {
        panic!("no list: {response:?}");
    };
    assert_eq!(studies.len(), 1);
    serde_json::to_value(&studies[0]).expect("serializable")
}

#[test]
fn a_study_is_joined_its_report_previewed_sealed_queued_and_delivered() {
    let core = core();
    let studies = studies_of(&core);
    let (private, public) = generate_key_pair(&mut PortRng::new(&SeededRandom::new(1)));
    let manifest = study_manifest(&to_hex(&public));
    let checked = ask(
        &studies,
        serde_json::json!({ "type": "study_check", "manifest": manifest }),
    );
    assert!(
        matches!(checked, StudyResponse::StudyManifestChecked { ref study, version: 1, previous: None, needs_asking: true } if study == "labour-2026"),
        "{checked:?}"
    );
    // A refused manifest names its field, for the page to word in its language.
    let mut plain_http = manifest.clone();
    plain_http["endpoint"] = serde_json::json!("http://inbox.univ.example/v1/reports");
    let refused = ask(
        &studies,
        serde_json::json!({ "type": "study_check", "manifest": plain_http }),
    );
    assert!(
        matches!(refused, StudyResponse::StudyManifestRefused { ref field, .. } if field == "endpoint"),
        "{refused:?}"
    );
    for _ in 0..2 {
        assert!(matches!(like_on(&core), Response::Recorded { .. }));
    }
    let joined = only_study(ask(
        &studies,
        serde_json::json!({
            "type": "study_join", "manifest": manifest, "decision": "accepted", "viewed_ms": 1
        }),
    ));
    assert_eq!(joined["consent"]["decided_ms"], SATURDAY_MORNING.epoch_ms);
    assert_eq!(joined["consent"]["decision"], "accepted");
    assert_eq!(joined["joined"], "2026-11-28");
    // The week is not over on Saturday: nothing is due, nothing can be previewed.
    assert_eq!(joined["due"], serde_json::json!([]));
    let preview = || serde_json::json!({ "type": "study_preview", "study": "labour-2026" });
    assert!(matches!(
        ask(&studies, preview()),
        StudyResponse::Error { .. }
    ));
    // Monday: the days from Saturday (the day of joining) to Sunday are due.
    clock_advance(&core, 2 * 86_400_000);
    let previewed = only_study(ask(&studies, preview()));
    assert_eq!(
        previewed["due"],
        serde_json::json!([{ "start": "2026-11-28", "end": "2026-11-29" }])
    );
    let draft = &previewed["draft"];
    let text = draft["preview"].as_str().expect("preview");
    assert!(
        text.contains(
            "{\"platform\":\"youtube\",\"kind\":\"reaction\",\"count\":2,\"seconds\":null}"
        ),
        "{text}"
    );
    let report_id = draft["report_id"].as_str().expect("id").to_owned();
    // Web pages cannot see or send reports.
    let send = || serde_json::json!({ "type": "study_send", "study": "labour-2026", "report_id": report_id });
    for request in [send(), preview()] {
        let from_page = block_on(studies.handle(study_request(request), &youtube()));
        assert!(matches!(from_page.response, StudyResponse::Error { .. }));
    }
    let sent = handled(&studies, send());
    assert!(sent.effects.deliver_reports, "the worker posts it at once");
    let sent = only_study(sent.response);
    assert_eq!(sent["waiting"], 1);
    assert_eq!(sent["due"], serde_json::json!([]));
    assert_eq!(
        sent["sent"][0]["delivery"],
        serde_json::json!({ "state": "waiting" })
    );
    // The queued envelope is the previewed text, sealed to the study's key.
    let outbox = || ask(&studies, serde_json::json!({ "type": "study_outbox" }));
    let StudyResponse::StudyOutbox { ready, .. } = outbox() else {
        panic!("no outbox")
    };
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].endpoint, "https://inbox.univ.example/v1/reports");
    let envelope = from_hex(&ready[0].envelope).expect("hex");
    let (_, plaintext) = open(&envelope, "labour-2026", &private).expect("opens");
    assert_eq!(plaintext, text.as_bytes());
    // The inbox is down: the report waits 30 s, then goes; the queue empties.
    let delivered = |status: Option<u16>| {
        handled(
            &studies,
            serde_json::json!({ "type": "study_delivered", "report_id": report_id, "status": status }),
        )
    };
    let failed = delivered(None);
    let retry_at = SATURDAY_MORNING.epoch_ms + 2 * 86_400_000 + 30_000;
    assert_eq!(
        failed.effects.study_queue_alarm,
        Some(Some(retry_at)),
        "the queue's alarm"
    );
    let StudyResponse::StudyOutbox {
        ready,
        next_attempt_ms,
    } = failed.response
    else {
        panic!("no outbox")
    };
    assert!(ready.is_empty());
    assert_eq!(next_attempt_ms, Some(retry_at));
    clock_advance(&core, 30_000);
    let StudyResponse::StudyOutbox { ready, .. } = outbox() else {
        panic!("no outbox")
    };
    assert_eq!(ready.len(), 1, "due again after the wait");
    let done = delivered(Some(201));
    assert_eq!(
        done.effects.study_queue_alarm,
        Some(None),
        "no alarm once the queue is empty"
    );
    let StudyResponse::StudyOutbox {
        ready,
        next_attempt_ms,
    } = done.response
    else {
        panic!("no outbox")
    };
    assert!(ready.is_empty() && next_attempt_ms.is_none());
    let listed = only_study(ask(&studies, serde_json::json!({ "type": "study_list" })));
    assert_eq!(
        listed["sent"][0]["delivery"],
        serde_json::json!({ "state": "delivered" })
    );
    // A new version of the manifest asks again.
    let mut newer = manifest.clone();
    newer["version"] = serde_json::json!(2);
    let checked = ask(
        &studies,
        serde_json::json!({ "type": "study_check", "manifest": newer }),
    );
    assert!(
        matches!(
            checked,
            StudyResponse::StudyManifestChecked {
                needs_asking: true,
                previous: Some(_),
                ..
            }
        ),
        "{checked:?}"
    );
    // Leaving stops at once; deleting everything forgets the study.
    let left = only_study(ask(
        &studies,
        serde_json::json!({ "type": "study_leave", "study": "labour-2026" }),
    ));
    assert_eq!(left["consent"]["decision"], "withdrawn");
    let deleted = block_on(core.handle(Request::DeleteEverything {}, &study_page())).response;
    assert!(matches!(deleted, Response::Deleted { .. }), "{deleted:?}");
    let StudyResponse::StudyList { studies, .. } =
        ask(&studies, serde_json::json!({ "type": "study_list" }))
    else {
        panic!("no list")
    };
    assert!(studies.is_empty());
}

#[test]
fn a_corrupt_study_record_is_an_error_and_stays_as_it_was() {
    let core = core();
    let studies = studies_of(&core);
    core.storage()
        .put_raw("studies", serde_json::json!({ "studies": "oops" }));
    let listed = ask(&studies, serde_json::json!({ "type": "study_list" }));
    assert!(matches!(listed, StudyResponse::Error { .. }), "{listed:?}");
    let left = ask(
        &studies,
        serde_json::json!({ "type": "study_leave", "study": "x" }),
    );
    assert!(matches!(left, StudyResponse::Error { .. }));
    assert_eq!(
        core.storage().snapshot().get("studies"),
        Some(&serde_json::json!({ "studies": "oops" }))
    );
}
