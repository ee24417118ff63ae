//! The service: what the extension's service worker does with each message, written against the
//! ports so it runs the same in the browser and in native tests.
//!
//! Invariants kept here:
//! - an observation counts only when it comes from a page on a known platform (by the sender URL
//!   the browser reports) and the rules give it a meaning;
//! - a counted action is durably stored before `Recorded` is answered; if storing fails, the
//!   answer is an error and nothing is acknowledged;
//! - the ledger is read only by the extension's own pages, never by a content sensor.

use crate::classify::{Rejection, classify};
use crate::export::export;
use crate::ledger::{DAY_KEY_PREFIX, DayRecord, Ledger, day_key};
use crate::model::Action;
use crate::ports::{Clock, Storage, StorageError};
use crate::protocol::{Request, Response, Sender};
use crate::rules::rules_for_url;
use crate::summary::summarize;

/// The core behind the service worker.
#[derive(Debug)]
pub struct Service<S, C> {
    storage: S,
    clock: C,
    extension_base_url: String,
}

impl<S: Storage, C: Clock> Service<S, C> {
    /// A service over `storage` and `clock`. `extension_base_url` is the extension's own origin
    /// with a trailing slash (`chrome-extension://<id>/`): only pages under it may read the ledger.
    pub fn new(storage: S, clock: C, extension_base_url: &str) -> Service<S, C> {
        Service {
            storage,
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
        let from_extension_page = self.is_extension_page(sender);
        match request {
            Request::Observe { observation } => {
                let Some(rules) = rules_for_url(&sender.url) else {
                    return Response::Ignored {
                        reason: Rejection::UnknownSite,
                    };
                };
                match classify(rules, &observation) {
                    Ok(actions) => match self.record(&actions).await {
                        Ok(()) => Response::Recorded {
                            platform: rules.platform,
                            kinds: actions.iter().map(|action| action.kind).collect(),
                        },
                        Err(error) => error_response(error),
                    },
                    Err(reason) => Response::Ignored { reason },
                }
            }
            Request::Summary {} if from_extension_page => match self.ledger().await {
                Ok(ledger) => Response::Summary {
                    summary: summarize(&ledger),
                },
                Err(error) => error_response(error),
            },
            Request::Export {} if from_extension_page => match self.ledger().await {
                Ok(ledger) => Response::Export {
                    export: export(&ledger),
                },
                Err(error) => error_response(error),
            },
            Request::Summary {} | Request::Export {} => Response::Error {
                message: "only the extension's own pages can read the ledger".into(),
            },
        }
    }

    /// The whole ledger as stored.
    pub async fn ledger(&self) -> Result<Ledger, StorageError> {
        let days = self
            .storage
            .get_with_prefix::<DayRecord>(DAY_KEY_PREFIX)
            .await?;
        Ledger::from_stored(days).map_err(StorageError)
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
