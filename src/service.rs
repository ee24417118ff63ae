//! The service: what the extension's service worker does with each message, written against the
//! ports so it runs the same in the browser and in native tests.
//!
//! Invariants kept here:
//! - an observation counts only when it comes from a page on a known platform (by the sender URL
//!   the browser reports) and the rules give it a meaning;
//! - a counted action is durably stored before `Recorded` is answered; if storing fails, the
//!   answer is an error and nothing is acknowledged;
//! - the ledger is read only by the extension's own pages, never by a content sensor;
//! - repeated toggles and observations over a platform's ceiling are not counted ([`crate::guard`]).

use crate::captcha::{CaptchaEvent, CaptchaOutcome, CaptchaProgress};
use crate::classify::{Observation, Rejection, classify};
use crate::diagnostics::{Diagnostics, PlatformStatus, RECENT_KEY, Recent, RecentObservation};
use crate::export::export;
use crate::guard::{GuardState, Verdict};
use crate::ledger::{DAY_KEY_PREFIX, DayRecord, Ledger, day_key};
use crate::model::{Action, Kind, Platform};
use crate::ports::{Clock, Storage, StorageError};
use crate::protocol::{Request, Response, Sender};
use crate::rules::{
    PlatformRules, RULES_VERSION, captcha_frame_for_url, mastodon_server_host, rules_for_url,
    rules_for_url_with_servers,
};
use crate::settings::{SETTINGS_KEY, Settings};

/// The session-store key of the guard's memory.
const GUARD_KEY: &str = "guard";
/// The session-store key of the captchas in progress.
const CAPTCHA_KEY: &str = "captchas";
use crate::summary::summarize;

/// The core behind the service worker.
#[derive(Debug)]
pub struct Service<S, C> {
    storage: S,
    session: S,
    clock: C,
    extension_base_url: String,
}

impl<S: Storage, C: Clock> Service<S, C> {
    /// A service over `storage` (durable: the ledger), `session` (cleared when the browser
    /// closes: the guard's memory) and `clock`. `extension_base_url` is the extension's own origin
    /// with a trailing slash (`chrome-extension://<id>/`): only pages under it may read the ledger.
    pub fn new(storage: S, session: S, clock: C, extension_base_url: &str) -> Service<S, C> {
        Service {
            storage,
            session,
            clock,
            extension_base_url: extension_base_url.to_owned(),
        }
    }

    /// The store, for inspection.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// Answers one message.
    pub async fn handle(&self, request: Request, sender: &Sender) -> Response {
        if !matches!(request, Request::Observe { .. }) && !self.is_extension_page(sender) {
            return Response::Error {
                message: "only the extension's own pages can read or change its data".into(),
            };
        }
        match request {
            Request::Observe {
                observation: Observation::Captcha { event, challenge },
            } => self.captcha(sender, event, challenge.as_deref()).await,
            Request::Observe { observation } => {
                let servers = self
                    .settings()
                    .await
                    .map(|s| s.mastodon_servers)
                    .unwrap_or_default();
                let Some(rules) = rules_for_url_with_servers(&sender.url, &servers) else {
                    return Response::Ignored {
                        reason: Rejection::UnknownSite,
                    };
                };
                let response = match classify(rules, &observation) {
                    Ok(actions) => self.admit_and_record(rules, &observation, actions).await,
                    Err(reason) => Response::Ignored { reason },
                };
                self.note(rules.platform, &response).await;
                response
            }
            Request::Summary {} => match self.ledger().await {
                Ok(ledger) => Response::Summary {
                    summary: summarize(&ledger),
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
            Request::SetPlatform { platform, enabled } => {
                let mut settings = match self.settings().await {
                    Ok(settings) => settings,
                    Err(error) => return error_response(error),
                };
                settings.set_enabled(platform, enabled);
                match self.storage.set(SETTINGS_KEY, &settings).await {
                    Ok(()) => Response::Settings { settings },
                    Err(error) => error_response(error),
                }
            }
            Request::AddMastodonServer { host } => self.set_mastodon_server(&host, true).await,
            Request::RemoveMastodonServer { host } => self.set_mastodon_server(&host, false).await,
            Request::Diagnostics { tab_url } => self.diagnostics(tab_url.as_deref()).await,
        }
    }

    async fn set_mastodon_server(&self, input: &str, present: bool) -> Response {
        let host = match mastodon_server_host(input) {
            Ok(host) => host,
            Err(why) => {
                return Response::Error {
                    message: format!("{input:?}: {why}"),
                };
            }
        };
        let mut settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return error_response(error),
        };
        settings.set_mastodon_server(host, present);
        match self.storage.set(SETTINGS_KEY, &settings).await {
            Ok(()) => Response::Settings { settings },
            Err(error) => error_response(error),
        }
    }

    /// The user's settings; a store without any gives the defaults.
    pub async fn settings(&self) -> Result<Settings, StorageError> {
        Ok(self.storage.get(SETTINGS_KEY).await?.unwrap_or_default())
    }

    async fn diagnostics(&self, tab_url: Option<&str>) -> Response {
        let settings = match self.settings().await {
            Ok(settings) => settings,
            Err(error) => return error_response(error),
        };
        let guard: GuardState = self
            .session
            .get(GUARD_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let captchas: CaptchaProgress = self
            .session
            .get(CAPTCHA_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let recent: Recent = self
            .session
            .get(RECENT_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let platforms = Platform::ALL
            .into_iter()
            .filter(|p| *p != Platform::Other)
            .map(|platform| PlatformStatus {
                platform,
                enabled: settings.is_enabled(platform),
                dropped: guard
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
                recent: recent.0,
                passive_captchas: captchas.passive,
            },
        }
    }

    /// Remembers an observation's outcome for diagnostics (platform, kinds, outcome only).
    async fn note(&self, platform: Platform, response: &Response) {
        let (kinds, outcome) = match response {
            Response::Recorded { kinds, .. } => (kinds.clone(), "counted".to_owned()),
            Response::Ignored { reason } => (Vec::new(), reason.as_str().to_owned()),
            Response::Error { .. } => (Vec::new(), "error".to_owned()),
            _ => return,
        };
        let mut recent: Recent = self
            .session
            .get(RECENT_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        recent.push(RecentObservation {
            at_ms: self.clock.now().epoch_ms,
            platform,
            kinds,
            outcome,
        });
        let _ = self.session.set(RECENT_KEY, &recent).await;
    }

    /// The whole ledger as stored.
    pub async fn ledger(&self) -> Result<Ledger, StorageError> {
        let days = self
            .storage
            .get_with_prefix::<DayRecord>(DAY_KEY_PREFIX)
            .await?;
        Ledger::from_stored(days).map_err(StorageError)
    }

    /// A captcha frame's event: put together with the other frames' events of the same tab; a
    /// solve is counted on the platform of the tab's page, or `other` (the site is not kept).
    async fn captcha(
        &self,
        sender: &Sender,
        event: CaptchaEvent,
        challenge: Option<&str>,
    ) -> Response {
        let (Some((provider, frame)), Some(tab)) =
            (captcha_frame_for_url(&sender.url), sender.tab_id)
        else {
            return Response::Ignored {
                reason: Rejection::UnknownSite,
            };
        };
        let challenge = challenge.filter(|c| frame.challenges.iter().any(|(_, name)| name == c));
        let platform = sender
            .tab_url
            .as_deref()
            .and_then(rules_for_url)
            .map_or(Platform::Other, |rules| rules.platform);
        let mut progress: CaptchaProgress = self
            .session
            .get(CAPTCHA_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let now_ms = self.clock.now().epoch_ms;
        let outcome = progress.record(provider, platform, tab, event, challenge, now_ms);
        let _ = self.session.set(CAPTCHA_KEY, &progress).await;
        match outcome {
            CaptchaOutcome::Pending => Response::Noted,
            CaptchaOutcome::Passive => Response::Ignored {
                reason: Rejection::Passive,
            },
            CaptchaOutcome::Solved(action) => {
                match self.record(std::slice::from_ref(&action)).await {
                    Ok(()) => Response::Recorded {
                        platform,
                        kinds: vec![Kind::Captcha],
                    },
                    Err(error) => error_response(error),
                }
            }
        }
    }

    /// Passes the guard, then stores; the guard remembers only what was stored.
    async fn admit_and_record(
        &self,
        rules: &PlatformRules,
        observation: &Observation,
        actions: Vec<Action>,
    ) -> Response {
        match self.settings().await {
            Ok(settings) if !settings.is_enabled(rules.platform) => {
                return Response::Ignored {
                    reason: Rejection::PlatformOff,
                };
            }
            Ok(_) => {}
            Err(error) => return error_response(error),
        }
        // The guard's memory is disposable: unreadable session state starts afresh.
        let mut guard: GuardState = self
            .session
            .get(GUARD_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
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
        let verdict = guard.admit(rules.platform, rules.ceiling_per_minute, now_ms, toggle);
        let response = match verdict {
            Verdict::Count => match self.record(&actions).await {
                Ok(()) => Response::Recorded {
                    platform: rules.platform,
                    kinds: actions.iter().map(|action| action.kind).collect(),
                },
                Err(error) => return error_response(error),
            },
            Verdict::Repeated => Response::Ignored {
                reason: Rejection::Repeated,
            },
            Verdict::OverCeiling => Response::Ignored {
                reason: Rejection::OverCeiling,
            },
        };
        // Losing the guard's memory costs at most a repeat counted twice: never an error.
        let _ = self.session.set(GUARD_KEY, &guard).await;
        response
    }

    async fn record(&self, actions: &[Action]) -> Result<(), StorageError> {
        let key = day_key(self.clock.now().local_date());
        let mut day = self
            .storage
            .get::<DayRecord>(&key)
            .await?
            .unwrap_or_default();
        for action in actions {
            day.add(action);
        }
        self.storage.set(&key, &day).await
    }

    fn is_extension_page(&self, sender: &Sender) -> bool {
        !self.extension_base_url.is_empty() && sender.url.starts_with(&self.extension_base_url)
    }
}

fn error_response(error: StorageError) -> Response {
    Response::Error {
        message: error.to_string(),
    }
}
