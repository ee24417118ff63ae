//! The service: what the extension's service worker does with each message, written against the
//! ports so it runs the same in the browser and in native tests.
//!
//! Invariants kept here:
//! - an observation counts only when it comes from a page on a known platform (by the sender URL
//!   the browser reports) or from a real captcha frame, and the rules give it a meaning;
//! - a counted action is durably stored before `Recorded` is answered; if storing fails, the
//!   answer is an error and nothing is acknowledged;
//! - the ledger and the settings are read and changed only by the extension's own pages, never by
//!   a content sensor;
//! - platforms switched off, repeated toggles and observations over a platform's ceiling are not
//!   counted ([`crate::settings`], [`crate::guard`]);
//! - the service decides what the browser shows and schedules (the badge, the new-day alarm, the
//!   Mastodon sensors, the study queue) and says so in each answer's [`Effects`]; the worker only
//!   applies them.
//!
//! One observation costs two reads and two writes of the stores at most: the settings and the
//! session state (guard, captchas in progress, recent observations) are one key each.

use crate::captcha::{CaptchaEvent, CaptchaOutcome, CaptchaProgress};
use crate::card::CARD;
use crate::classify::{Observation, Rejection, classify};
use crate::diagnostics::{Diagnostics, PlatformStatus, Recent, RecentObservation};
use crate::estimate::Valuation;
use crate::export::{Export, export, to_csv};
use crate::guard::{GuardState, Verdict};
use crate::import::ledger_of;
use crate::ledger::{DAY_KEY_PREFIX, DayRecord, Ledger, day_key};
use crate::model::{Action, Kind, Platform};
use crate::ports::{Clock, STUDIES_KEY, Storage, StorageError};
use crate::protocol::{Effects, Handled, Request, Response, Sender, badge_text};
use crate::rules::{
    PlatformRules, RULES_VERSION, captcha_frame_for_url, mastodon_server_host,
    rules_for_url_with_servers,
};
use crate::settings::{Pause, SETTINGS_KEY, Settings};
use crate::views::{Overview, Period, overview, today};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The session-store key of [`SessionState`].
const SESSION_KEY: &str = "session";

/// What the service remembers until the browser closes. Disposable: unreadable state starts
/// afresh, and losing it costs at most a repeat counted twice or a captcha in progress.
#[derive(Debug, Default, Serialize, Deserialize)]
struct SessionState {
    #[serde(default)]
    guard: GuardState,
    #[serde(default)]
    captchas: CaptchaProgress,
    #[serde(default)]
    recent: Recent,
}

/// The core behind the service worker.
#[derive(Debug)]
pub struct Service<S, C> {
    storage: S,
    session: S,
    clock: C,
    extension_base_url: String,
    /// The ledger as last read from `storage`, while nothing has changed there (see
    /// [`Service::forget_cached_reads`]); the dashboard's period switches then cost no reading.
    cached_ledger: RefCell<Option<Rc<Ledger>>>,
    /// The settings as last read from `storage`, on the same terms: nearly every message needs
    /// them, and a read of the browser's storage is a round trip to another process.
    cached_settings: RefCell<Option<Settings>>,
    /// Counts the changes to `storage`, so that a read that raced with a change is not cached.
    storage_generation: Cell<u64>,
}

impl<S: Storage, C: Clock> Service<S, C> {
    /// A service over `storage` (durable: the ledger, the settings), `session` (cleared when the
    /// browser closes: the guard's memory, captchas in progress, diagnostics) and `clock`.
    /// `extension_base_url` is the extension's own origin with a trailing slash
    /// (`chrome-extension://<id>/`): only pages under it may read or change the data.
    pub fn new(storage: S, session: S, clock: C, extension_base_url: &str) -> Service<S, C> {
        Service {
            storage,
            session,
            clock,
            extension_base_url: extension_base_url.to_owned(),
            cached_ledger: RefCell::new(None),
            cached_settings: RefCell::new(None),
            storage_generation: Cell::new(0),
        }
    }

    /// Drops the ledger and settings kept from earlier reads: the durable store changed (the
    /// extension calls this on every `chrome.storage.onChanged` of the local area, whoever made
    /// the change; the core calls it before each of its own writes).
    pub fn forget_cached_reads(&self) {
        self.storage_generation
            .set(self.storage_generation.get().wrapping_add(1));
        self.cached_ledger.replace(None);
        self.cached_settings.replace(None);
    }

    /// The store, for inspection.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// The clock, for tests that move time.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Answers one message, and names what the worker must do in the browser besides.
    pub async fn handle(&self, request: Request, sender: &Sender) -> Handled<Response> {
        if !matches!(request, Request::Observe { .. })
            && !sender.is_extension_page(&self.extension_base_url)
        {
            return Handled::only(Response::Error {
                message: "only the extension's own pages can read or change its data".into(),
            });
        }
        match request {
            Request::Observe { observation } => self.observe(observation, sender).await,
            Request::Wake {} => self.wake().await,
            Request::Import { export } => {
                let response = self.import(&export).await;
                if !matches!(response, Response::Imported { .. }) {
                    return Handled::only(response);
                }
                let badge = self.badge().await.ok();
                Handled {
                    response,
                    effects: Effects {
                        badge,
                        ..Effects::default()
                    },
                }
            }
            Request::DeleteEverything {} => {
                let response = self.delete_everything().await;
                let effects = match response {
                    // No count, no server added, no study left: nothing to show or to send.
                    Response::Deleted { .. } => Effects {
                        badge: Some(String::new()),
                        mastodon_servers: Some(Vec::new()),
                        study_queue_alarm: Some(None),
                        ..Effects::default()
                    },
                    _ => Effects::default(),
                };
                Handled { response, effects }
            }
            change @ (Request::Pause { .. }
            | Request::Resume {}
            | Request::SetPreferences { .. }
            | Request::SetValuation { .. }
            | Request::SetPlatform { .. }
            | Request::AddMastodonServer { .. }
            | Request::RemoveMastodonServer { .. }) => self.change_settings(change).await,
            question => Handled::only(self.answer(question).await),
        }
    }

    /// The answer to a request that reads, and changes nothing in the browser.
    async fn answer(&self, request: Request) -> Response {
        match request {
            Request::Overview { locale, period } => self.overview(locale.as_deref(), period).await,
            Request::Dashboard { locale, period } => {
                self.dashboard(locale.as_deref(), period).await
            }
            Request::ExportCsv {} => match self.ledger().await {
                Ok(ledger) => Response::Csv {
                    csv: to_csv(&export(&ledger)),
                },
                Err(error) => error_response(error),
            },
            Request::Export {} => match self.ledger().await {
                Ok(ledger) => Response::Export {
                    export: export(&ledger),
                },
                Err(error) => error_response(error),
            },
            Request::Settings {} => match self.settings().await {
                Ok(settings) => Response::Settings { settings },
                Err(error) => error_response(error),
            },
            Request::Popup { tab_url } => self.popup(tab_url.as_deref()).await,
            // Handled by `handle` itself.
            Request::Observe { .. }
            | Request::Wake {}
            | Request::Import { .. }
            | Request::DeleteEverything {}
            | Request::Pause { .. }
            | Request::Resume {}
            | Request::SetPreferences { .. }
            | Request::SetValuation { .. }
            | Request::SetPlatform { .. }
            | Request::AddMastodonServer { .. }
            | Request::RemoveMastodonServer { .. } => Response::Error {
                message: "not a question".into(),
            },
        }
    }

    /// The worker woke up (it started, or a new day began): the badge and the next new-day
    /// alarm, the Mastodon sensors, and the study queue's reports if a study was ever joined.
    async fn wake(&self) -> Handled<Response> {
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return Handled::only(error_response(error)),
        };
        let studies_joined = self.studies_joined().await.unwrap_or(false);
        Handled {
            response: Response::Awake,
            effects: Effects {
                badge: self.badge().await.ok(),
                new_day_alarm_ms: Some(self.clock.now().next_local_midnight_ms() + 1000),
                mastodon_servers: Some(settings.mastodon_servers),
                deliver_reports: studies_joined,
                study_queue_alarm: None,
            },
        }
    }

    /// The badge's text now: today's count when the user wants the badge, else none.
    async fn badge(&self) -> Result<String, StorageError> {
        if !self.settings().await?.preferences.badge {
            return Ok(String::new());
        }
        let ledger = self.ledger().await?;
        let today = self.clock.now().local_date();
        let count = ledger
            .days_between(today, today)
            .map(|(_, day)| day.count())
            .sum();
        Ok(badge_text(count))
    }

    /// Whether a research study's record is in the store (a decision was ever made on one).
    async fn studies_joined(&self) -> Result<bool, StorageError> {
        let studies: Option<serde::de::IgnoredAny> = self.storage.get(STUDIES_KEY).await?;
        Ok(studies.is_some())
    }

    /// What the popup shows: the settings, today's figures, the diagnostics for its tab.
    async fn popup(&self, tab_url: Option<&str>) -> Response {
        let read = async {
            let settings = self.settings().await?;
            let ledger = self.ledger().await?;
            let diagnostics = self.diagnostics(tab_url).await?;
            let studies_joined = self.studies_joined().await?;
            Ok::<_, StorageError>((settings, ledger, diagnostics, studies_joined))
        };
        match read.await {
            Ok((settings, ledger, diagnostics, studies_joined)) => Response::Popup {
                settings,
                today: today(&CARD, &ledger, self.clock.now().local_date()),
                diagnostics,
                studies_joined,
            },
            Err(error) => error_response(error),
        }
    }

    /// The valuation the user chose, or the default for the browser's language.
    fn valuation_of(settings: &Settings, locale: Option<&str>) -> Valuation {
        settings
            .valuation
            .filter(|valuation| valuation.check().is_ok())
            .unwrap_or_else(|| Valuation::for_locale(locale.unwrap_or("en")))
    }

    /// Everything the dashboard shows for a period, and the settings it was valued with.
    async fn settings_and_overview(
        &self,
        locale: Option<&str>,
        period: Period,
    ) -> Result<(Settings, Overview), Response> {
        let (ledger, settings) = match (self.ledger().await, self.settings().await) {
            (Ok(ledger), Ok(settings)) => (ledger, settings),
            (Err(error), _) | (_, Err(error)) => return Err(error_response(error)),
        };
        let valuation = Self::valuation_of(&settings, locale);
        let today = self.clock.now().local_date();
        overview(&CARD, &ledger, &valuation, period, today)
            .map(|overview| (settings, overview))
            .map_err(|message| Response::Error { message })
    }

    /// Everything the dashboard shows for a period.
    async fn overview(&self, locale: Option<&str>, period: Period) -> Response {
        match self.settings_and_overview(locale, period).await {
            Ok((_, overview)) => Response::Overview {
                overview: Box::new(overview),
            },
            Err(refused) => refused,
        }
    }

    /// What the dashboard shows as it opens: the settings and the overview, read once.
    async fn dashboard(&self, locale: Option<&str>, period: Period) -> Response {
        match self.settings_and_overview(locale, period).await {
            Ok((settings, overview)) => Response::Dashboard {
                settings,
                overview: Box::new(overview),
            },
            Err(refused) => refused,
        }
    }

    /// Merges an export file into the ledger: checked whole first, written in one go.
    async fn import(&self, file: &Export) -> Response {
        let today = self.clock.now().local_date();
        let imported = match ledger_of(file, today) {
            Ok(imported) => imported,
            Err(problem) => return Response::ImportRefused { problem },
        };
        let mut ledger = match self.ledger().await {
            Ok(ledger) => Ledger::clone(&ledger),
            Err(error) => return error_response(error),
        };
        let changed: Vec<(String, DayRecord)> = ledger
            .merge(&imported)
            .into_iter()
            .map(|(date, record)| (day_key(date), record))
            .collect();
        if !changed.is_empty() {
            self.forget_cached_reads();
            if let Err(error) = self.storage.set_many(&changed).await {
                return error_response(error);
            }
        }
        Response::Imported {
            records: file.records.len(),
            changed_days: changed.len(),
        }
    }

    /// Removes every day record and the settings, and forgets the session.
    async fn delete_everything(&self) -> Response {
        let days = match self
            .storage
            .get_with_prefix::<serde::de::IgnoredAny>(DAY_KEY_PREFIX)
            .await
        {
            Ok(days) => days,
            Err(error) => return error_response(error),
        };
        let mut keys: Vec<String> = days.into_iter().map(|(key, _)| key).collect();
        let count = keys.len();
        keys.push(SETTINGS_KEY.to_owned());
        // Deleting everything includes the studies joined: their reports stop too.
        keys.push(STUDIES_KEY.to_owned());
        self.forget_cached_reads();
        if let Err(error) = self.storage.remove(&keys).await {
            return error_response(error);
        }
        let _ = self.session.remove(&[SESSION_KEY.to_owned()]).await;
        Response::Deleted { days: count }
    }

    /// The user's settings (from the cache while the store has not changed); a store without
    /// any gives the defaults.
    pub async fn settings(&self) -> Result<Settings, StorageError> {
        if let Some(settings) = self.cached_settings.borrow().as_ref() {
            return Ok(settings.clone());
        }
        let generation = self.storage_generation.get();
        let settings: Settings = self.storage.get(SETTINGS_KEY).await?.unwrap_or_default();
        if self.storage_generation.get() == generation {
            self.cached_settings.replace(Some(settings.clone()));
        }
        Ok(settings)
    }

    /// The whole ledger as stored (from the cache while the store has not changed).
    pub async fn ledger(&self) -> Result<Rc<Ledger>, StorageError> {
        if let Some(ledger) = self.cached_ledger.borrow().as_ref() {
            return Ok(Rc::clone(ledger));
        }
        let generation = self.storage_generation.get();
        let days = self
            .storage
            .get_with_prefix::<DayRecord>(DAY_KEY_PREFIX)
            .await?;
        let ledger = Rc::new(Ledger::from_stored(days).map_err(StorageError)?);
        if self.storage_generation.get() == generation {
            self.cached_ledger.replace(Some(Rc::clone(&ledger)));
        }
        Ok(ledger)
    }

    async fn session_state(&self) -> SessionState {
        self.session
            .get(SESSION_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// An observation from a sensor: decided, stored if it counts, remembered for diagnostics;
    /// what counted moves the badge, when the user wants it.
    async fn observe(&self, observation: Observation, sender: &Sender) -> Handled<Response> {
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return Handled::only(error_response(error)),
        };
        let (response, today) = self.decide(observation, sender, &settings).await;
        let badge = today.filter(|_| settings.preferences.badge).map(badge_text);
        Handled {
            response,
            effects: Effects {
                badge,
                ..Effects::default()
            },
        }
    }

    /// What an observation means: the answer, and today's count when it was stored.
    async fn decide(
        &self,
        observation: Observation,
        sender: &Sender,
        settings: &Settings,
    ) -> (Response, Option<u64>) {
        let mut session = self.session_state().await;
        if settings.is_paused(self.clock.now().epoch_ms) {
            // Shown in the popup's last observations (a sensor on a known platform only), so
            // that the person sees why nothing counts.
            let response = Response::Ignored {
                reason: Rejection::Paused,
            };
            if let Some(rules) = rules_for_url_with_servers(&sender.url, &settings.mastodon_servers)
            {
                session
                    .recent
                    .push(self.recent_entry(rules.platform, &response));
                let _ = self.session.set(SESSION_KEY, &session).await;
            }
            return (response, None);
        }
        let (platform, (response, today)) = match &observation {
            Observation::Captcha { event, challenge } => {
                match self
                    .captcha(settings, &mut session, sender, *event, challenge.as_deref())
                    .await
                {
                    Some(outcome) => outcome,
                    None => {
                        // Progress only (or not a captcha frame): nothing for diagnostics.
                        let _ = self.session.set(SESSION_KEY, &session).await;
                        return (Response::Noted, None);
                    }
                }
            }
            _ => {
                let Some(rules) =
                    rules_for_url_with_servers(&sender.url, &settings.mastodon_servers)
                else {
                    let reason = Rejection::UnknownSite;
                    return (Response::Ignored { reason }, None);
                };
                let outcome = match classify(rules, &observation) {
                    Ok(actions) => {
                        self.admit_and_record(
                            rules,
                            settings,
                            &mut session.guard,
                            &observation,
                            actions,
                        )
                        .await
                    }
                    Err(reason) => (Response::Ignored { reason }, None),
                };
                (rules.platform, outcome)
            }
        };
        session.recent.push(self.recent_entry(platform, &response));
        let _ = self.session.set(SESSION_KEY, &session).await;
        (response, today)
    }

    /// A captcha frame's event, put together with the other frames' events of the same tab. A
    /// solve is counted on the platform of the tab's page, or `other` (the site is not kept).
    /// `None` while the captcha is in progress; with a solve stored, today's count.
    async fn captcha(
        &self,
        settings: &Settings,
        session: &mut SessionState,
        sender: &Sender,
        event: CaptchaEvent,
        challenge: Option<&str>,
    ) -> Option<(Platform, (Response, Option<u64>))> {
        let (Some((provider, frame)), Some(tab)) =
            (captcha_frame_for_url(&sender.url), sender.tab_id)
        else {
            let reason = Rejection::UnknownSite;
            return Some((Platform::Other, (Response::Ignored { reason }, None)));
        };
        let challenge = challenge.filter(|c| frame.challenges.iter().any(|(_, name)| name == c));
        let platform = sender
            .tab_url
            .as_deref()
            .and_then(|url| rules_for_url_with_servers(url, &settings.mastodon_servers))
            .map_or(Platform::Other, |rules| rules.platform);
        let now_ms = self.clock.now().epoch_ms;
        let ignored = |reason| (Response::Ignored { reason }, None);
        let outcome = match session
            .captchas
            .record(provider, platform, tab, event, challenge, now_ms)
        {
            CaptchaOutcome::Pending => return None,
            CaptchaOutcome::Passive => ignored(Rejection::Passive),
            CaptchaOutcome::Solved(_) if !settings.is_enabled(platform) => {
                ignored(Rejection::PlatformOff)
            }
            CaptchaOutcome::Solved(action) => {
                match self.record(std::slice::from_ref(&action)).await {
                    Ok(today) => {
                        let kinds = vec![Kind::Captcha];
                        (Response::Recorded { platform, kinds }, Some(today))
                    }
                    Err(error) => (error_response(error), None),
                }
            }
        };
        Some((platform, outcome))
    }

    /// Honours the switches and the guard, then stores; the guard remembers only what was stored.
    async fn admit_and_record(
        &self,
        rules: &PlatformRules,
        settings: &Settings,
        guard: &mut GuardState,
        observation: &Observation,
        actions: Vec<Action>,
    ) -> (Response, Option<u64>) {
        let ignored = |reason| (Response::Ignored { reason }, None);
        if !settings.is_enabled(rules.platform) {
            return ignored(Rejection::PlatformOff);
        }
        let toggle = match (observation, actions.first()) {
            (
                Observation::Toggle {
                    control,
                    item: Some(item),
                    ..
                },
                Some(action),
            ) => Some((*item, control.as_str(), action)),
            _ => None,
        };
        let now_ms = self.clock.now().epoch_ms;
        let mut trial = guard.clone();
        match trial.admit(rules.platform, rules.ceiling_per_minute, now_ms, toggle) {
            Verdict::Count => match self.record(&actions).await {
                Ok(today) => {
                    *guard = trial;
                    let recorded = Response::Recorded {
                        platform: rules.platform,
                        kinds: actions.iter().map(|action| action.kind).collect(),
                    };
                    (recorded, Some(today))
                }
                Err(error) => (error_response(error), None),
            },
            Verdict::Repeated => ignored(Rejection::Repeated),
            Verdict::OverCeiling => {
                *guard = trial;
                ignored(Rejection::OverCeiling)
            }
        }
    }

    /// Adds the actions to today's record and stores it; returns today's count.
    async fn record(&self, actions: &[Action]) -> Result<u64, StorageError> {
        let key = day_key(self.clock.now().local_date());
        let mut day = self
            .storage
            .get::<DayRecord>(&key)
            .await?
            .unwrap_or_default();
        for action in actions {
            day.add(action);
        }
        self.forget_cached_reads();
        self.storage.set(&key, &day).await?;
        Ok(day.count())
    }

    /// An observation's outcome as diagnostics show it (platform, kinds, outcome only).
    fn recent_entry(&self, platform: Platform, response: &Response) -> RecentObservation {
        let (kinds, outcome) = match response {
            Response::Recorded { kinds, .. } => (kinds.clone(), "counted".to_owned()),
            Response::Ignored { reason } => (Vec::new(), reason.as_str().to_owned()),
            _ => (Vec::new(), "error".to_owned()),
        };
        RecentObservation {
            at_ms: self.clock.now().epoch_ms,
            platform,
            kinds,
            outcome,
        }
    }

    /// Applies a request's change to the settings and stores them, then answers with the new
    /// settings, the badge as they want it and the Mastodon servers to sense. A change refused
    /// stores nothing.
    async fn change_settings(&self, change: Request) -> Handled<Response> {
        let mut settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return Handled::only(error_response(error)),
        };
        if let Err(message) = apply_change(change, &mut settings) {
            return Handled::only(Response::Error { message });
        }
        self.forget_cached_reads();
        if let Err(error) = self.storage.set(SETTINGS_KEY, &settings).await {
            return Handled::only(error_response(error));
        }
        let effects = Effects {
            badge: self.badge().await.ok(),
            mastodon_servers: Some(settings.mastodon_servers.clone()),
            ..Effects::default()
        };
        Handled {
            response: Response::Settings { settings },
            effects,
        }
    }

    async fn diagnostics(&self, tab_url: Option<&str>) -> Result<Diagnostics, StorageError> {
        let settings = self.settings().await?;
        let session = self.session_state().await;
        let platforms = Platform::ALL
            .into_iter()
            .filter(|p| *p != Platform::Other)
            .map(|platform| PlatformStatus {
                platform,
                enabled: settings.is_enabled(platform),
                dropped: session
                    .guard
                    .dropped()
                    .iter()
                    .find(|(p, _)| *p == platform)
                    .map_or(0, |(_, n)| *n),
            })
            .collect();
        Ok(Diagnostics {
            rules_version: RULES_VERSION,
            tab_platform: tab_url
                .and_then(|url| rules_for_url_with_servers(url, &settings.mastodon_servers))
                .map(|rules| rules.platform),
            platforms,
            recent: session.recent.0,
            passive_captchas: session.captchas.passive,
        })
    }
}

/// The change a request makes to the settings; `Err` (what is wrong) refuses it.
fn apply_change(request: Request, settings: &mut Settings) -> Result<(), String> {
    match request {
        Request::Pause { until_ms } => {
            settings.paused = Some(match until_ms {
                Some(epoch_ms) => Pause::Until { epoch_ms },
                None => Pause::UntilResumed,
            });
        }
        Request::Resume {} => settings.paused = None,
        Request::SetPreferences { preferences } => settings.preferences = preferences,
        Request::SetValuation { valuation } => {
            valuation.check()?;
            settings.valuation = Some(valuation);
        }
        Request::SetPlatform { platform, enabled } => settings.set_enabled(platform, enabled),
        Request::AddMastodonServer { host } => set_mastodon_server(settings, &host, true)?,
        Request::RemoveMastodonServer { host } => set_mastodon_server(settings, &host, false)?,
        _ => return Err("not a change of the settings".into()),
    }
    Ok(())
}

/// Adds or removes a Mastodon server, as the user typed it (a host name or an address).
fn set_mastodon_server(settings: &mut Settings, input: &str, present: bool) -> Result<(), String> {
    let host = mastodon_server_host(input).map_err(|why| format!("{input:?}: {why}"))?;
    settings.set_mastodon_server(host, present);
    Ok(())
}

/// A failed read or write of the store, as an answer.
pub fn error_response(error: StorageError) -> Response {
    Response::Error {
        message: error.to_string(),
    }
}
