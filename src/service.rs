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
//!   counted ([`crate::settings`], [`crate::guard`]).
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
use crate::ports::{Clock, Storage, StorageError};
use crate::protocol::{Request, Response, Sender};
use crate::rules::{
    PlatformRules, RULES_VERSION, captcha_frame_for_url, mastodon_server_host,
    rules_for_url_with_servers,
};
use crate::settings::{Pause, SETTINGS_KEY, Settings};
use crate::summary::summarize;
use crate::views::{Overview, Period, overview};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
mod study;

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

    /// Answers one message.
    pub async fn handle(&self, request: Request, sender: &Sender) -> Response {
        if !matches!(request, Request::Observe { .. }) && !self.is_extension_page(sender) {
            return Response::Error {
                message: "only the extension's own pages can read or change its data".into(),
            };
        }
        match request {
            Request::Observe { observation } => self.observe(observation, sender).await,
            Request::Summary { locale } => self.summary(locale.as_deref()).await,
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
            Request::Import { export } => self.import(&export).await,
            Request::Pause { until_ms } => {
                let pause = match until_ms {
                    Some(epoch_ms) => Pause::Until { epoch_ms },
                    None => Pause::UntilResumed,
                };
                self.change_settings(|settings| settings.paused = Some(pause))
                    .await
            }
            Request::Resume {} => {
                self.change_settings(|settings| settings.paused = None)
                    .await
            }
            Request::SetPreferences { preferences } => {
                self.change_settings(|settings| settings.preferences = preferences)
                    .await
            }
            Request::DeleteEverything {} => self.delete_everything().await,
            Request::SetValuation { valuation } => match valuation.check() {
                Ok(()) => {
                    self.change_settings(|settings| settings.valuation = Some(valuation))
                        .await
                }
                Err(message) => Response::Error { message },
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
            Request::SetPlatform { platform, enabled } => {
                self.change_settings(|settings| settings.set_enabled(platform, enabled))
                    .await
            }
            Request::AddMastodonServer { host } => self.set_mastodon_server(&host, true).await,
            Request::RemoveMastodonServer { host } => self.set_mastodon_server(&host, false).await,
            Request::Diagnostics { tab_url } => self.diagnostics(tab_url.as_deref()).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyCheck { manifest } => self.study_check(manifest).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyList {} => self.study_list().await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyJoin {
                manifest,
                decision,
                viewed_ms,
            } => self.study_join(manifest, decision, viewed_ms).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyPreview { study, withheld } => self.study_preview(&study, withheld).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudySend { study, report_id } => self.study_send(&study, &report_id).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyLeave { study } => self.study_leave(&study).await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyOutbox {} => self.study_outbox().await,
            #[cfg(any(not(target_arch = "wasm32"), feature = "study"))]
            Request::StudyDelivered {
                report_id,
                status,
                retry_after_s,
            } => {
                self.study_delivered(&report_id, status, retry_after_s)
                    .await
            }
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
        keys.push(crate::study::participation::STUDIES_KEY.to_owned());
        self.forget_cached_reads();
        if let Err(error) = self.storage.remove(&keys).await {
            return error_response(error);
        }
        let _ = self.session.remove(&[SESSION_KEY.to_owned()]).await;
        Response::Deleted { days: count }
    }

    /// The totals, valued as the user chose, or by default for the browser's language.
    async fn summary(&self, locale: Option<&str>) -> Response {
        let (ledger, settings) = match (self.ledger().await, self.settings().await) {
            (Ok(ledger), Ok(settings)) => (ledger, settings),
            (Err(error), _) | (_, Err(error)) => return error_response(error),
        };
        let valuation = Self::valuation_of(&settings, locale);
        Response::Summary {
            summary: summarize(&CARD, &ledger, &valuation),
        }
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

    /// An observation from a sensor: decided, stored if it counts, remembered for diagnostics.
    async fn observe(&self, observation: Observation, sender: &Sender) -> Response {
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return error_response(error),
        };
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
            return response;
        }
        let (platform, response) = match &observation {
            Observation::Captcha { event, challenge } => {
                match self
                    .captcha(
                        &settings,
                        &mut session,
                        sender,
                        *event,
                        challenge.as_deref(),
                    )
                    .await
                {
                    Some(outcome) => outcome,
                    None => {
                        // Progress only (or not a captcha frame): nothing for diagnostics.
                        let _ = self.session.set(SESSION_KEY, &session).await;
                        return Response::Noted;
                    }
                }
            }
            _ => {
                let Some(rules) =
                    rules_for_url_with_servers(&sender.url, &settings.mastodon_servers)
                else {
                    return Response::Ignored {
                        reason: Rejection::UnknownSite,
                    };
                };
                let response = match classify(rules, &observation) {
                    Ok(actions) => {
                        self.admit_and_record(
                            rules,
                            &settings,
                            &mut session.guard,
                            &observation,
                            actions,
                        )
                        .await
                    }
                    Err(reason) => Response::Ignored { reason },
                };
                (rules.platform, response)
            }
        };
        session.recent.push(self.recent_entry(platform, &response));
        let _ = self.session.set(SESSION_KEY, &session).await;
        response
    }

    /// A captcha frame's event, put together with the other frames' events of the same tab. A
    /// solve is counted on the platform of the tab's page, or `other` (the site is not kept).
    /// `None` while the captcha is in progress.
    async fn captcha(
        &self,
        settings: &Settings,
        session: &mut SessionState,
        sender: &Sender,
        event: CaptchaEvent,
        challenge: Option<&str>,
    ) -> Option<(Platform, Response)> {
        let (Some((provider, frame)), Some(tab)) =
            (captcha_frame_for_url(&sender.url), sender.tab_id)
        else {
            return Some((
                Platform::Other,
                Response::Ignored {
                    reason: Rejection::UnknownSite,
                },
            ));
        };
        let challenge = challenge.filter(|c| frame.challenges.iter().any(|(_, name)| name == c));
        let platform = sender
            .tab_url
            .as_deref()
            .and_then(|url| rules_for_url_with_servers(url, &settings.mastodon_servers))
            .map_or(Platform::Other, |rules| rules.platform);
        let now_ms = self.clock.now().epoch_ms;
        let response = match session
            .captchas
            .record(provider, platform, tab, event, challenge, now_ms)
        {
            CaptchaOutcome::Pending => return None,
            CaptchaOutcome::Passive => Response::Ignored {
                reason: Rejection::Passive,
            },
            CaptchaOutcome::Solved(_) if !settings.is_enabled(platform) => Response::Ignored {
                reason: Rejection::PlatformOff,
            },
            CaptchaOutcome::Solved(action) => {
                match self.record(std::slice::from_ref(&action)).await {
                    Ok(today) => Response::Recorded {
                        platform,
                        kinds: vec![Kind::Captcha],
                        badge: settings.preferences.badge.then_some(today),
                    },
                    Err(error) => error_response(error),
                }
            }
        };
        Some((platform, response))
    }

    /// Honours the switches and the guard, then stores; the guard remembers only what was stored.
    async fn admit_and_record(
        &self,
        rules: &PlatformRules,
        settings: &Settings,
        guard: &mut GuardState,
        observation: &Observation,
        actions: Vec<Action>,
    ) -> Response {
        if !settings.is_enabled(rules.platform) {
            return Response::Ignored {
                reason: Rejection::PlatformOff,
            };
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
                    Response::Recorded {
                        platform: rules.platform,
                        kinds: actions.iter().map(|action| action.kind).collect(),
                        badge: settings.preferences.badge.then_some(today),
                    }
                }
                Err(error) => error_response(error),
            },
            Verdict::Repeated => Response::Ignored {
                reason: Rejection::Repeated,
            },
            Verdict::OverCeiling => {
                *guard = trial;
                Response::Ignored {
                    reason: Rejection::OverCeiling,
                }
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

    async fn change_settings(&self, change: impl FnOnce(&mut Settings)) -> Response {
        let mut settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return error_response(error),
        };
        change(&mut settings);
        self.forget_cached_reads();
        match self.storage.set(SETTINGS_KEY, &settings).await {
            Ok(()) => Response::Settings { settings },
            Err(error) => error_response(error),
        }
    }

    async fn set_mastodon_server(&self, input: &str, present: bool) -> Response {
        match mastodon_server_host(input) {
            Ok(host) => {
                self.change_settings(|settings| settings.set_mastodon_server(host, present))
                    .await
            }
            Err(why) => Response::Error {
                message: format!("{input:?}: {why}"),
            },
        }
    }

    async fn diagnostics(&self, tab_url: Option<&str>) -> Response {
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return error_response(error),
        };
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
        Response::Diagnostics {
            diagnostics: Diagnostics {
                rules_version: RULES_VERSION,
                tab_platform: tab_url
                    .and_then(|url| rules_for_url_with_servers(url, &settings.mastodon_servers))
                    .map(|rules| rules.platform),
                platforms,
                recent: session.recent.0,
                passive_captchas: session.captchas.passive,
            },
        }
    }

    fn is_extension_page(&self, sender: &Sender) -> bool {
        !self.extension_base_url.is_empty() && sender.url.starts_with(&self.extension_base_url)
    }
}

pub(crate) fn error_response(error: StorageError) -> Response {
    Response::Error {
        message: error.to_string(),
    }
}
