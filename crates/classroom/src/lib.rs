//! The classroom: a teacher-led workshop of real micro-tasks, generated in the browser, and the
//! class totals put together from the students' share codes — without a server or an account.
//!
//! - [`tasks`] draws a workshop from a seed: grids of tiles to pick ([`grid`]), distorted text
//!   to transcribe ([`text`]), short texts to tag and sentences to label ([`bank`]);
//! - [`score`] checks the answers and [`value`] prices the accepted work with the rate card;
//! - [`code`] turns a result into a short checksummed share code, [`qr`] draws it as a QR code;
//! - [`class`] reads many codes back into class totals;
//! - [`preset`] reads the teacher's preset from the browser's managed storage.
//!
//! All of it is plain Rust on the core's rate card and hashtag reader, tested natively. The
//! extension's classroom pages reach it through a WebAssembly module of their own
//! (`crates/classroom-web`), so that none of it weighs on the service worker's module.

pub mod bank;
pub mod class;
pub mod code;
pub mod grid;
pub mod preset;
pub mod qr;
pub mod random;
pub mod score;
pub mod svg;
pub mod tasks;
pub mod text;
pub mod value;

use serde::{Deserialize, Serialize};

/// The four kinds of task of the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    /// Pick the tiles of a 3×3 grid that contain an object (an image captcha).
    Image,
    /// Transcribe distorted text (a text captcha).
    Text,
    /// Add hashtags to a short text.
    Hashtag,
    /// Label the sentiment of a sentence.
    Label,
}

impl TaskKind {
    /// Every kind, in the workshop's order.
    pub const ALL: [TaskKind; 4] = [
        TaskKind::Image,
        TaskKind::Text,
        TaskKind::Hashtag,
        TaskKind::Label,
    ];

    /// The kind's name in presets, answers and the rate card (`image`, `text`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Image => "image",
            TaskKind::Text => "text",
            TaskKind::Hashtag => "hashtag",
            TaskKind::Label => "label",
        }
    }

    /// Reads a kind from its name.
    pub fn parse(name: &str) -> Option<TaskKind> {
        TaskKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// The two languages of the workshop's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Language {
    /// French for any French locale (`fr`, `fr-CA`), English otherwise.
    pub fn of_locale(locale: &str) -> Language {
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("fr") {
            Language::Fr
        } else {
            Language::En
        }
    }

    /// The text of a pair in this language.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Language::En => en,
            Language::Fr => fr,
        }
    }
}
