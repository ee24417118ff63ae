//! The event model: which platform an action happened on, what kind of labour it is, and the
//! optional detail that splits a kind further (e.g. `like` or `dislike` for a reaction).
//!
//! These names are a public contract: they appear in the export (docs/export-format.md) and in
//! the messages between the extension's parts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A platform where Tâcheron counts actions. `Other` is any site outside the list (used for
/// captchas); the site itself is never recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// YouTube (watch pages and Shorts).
    Youtube,
    /// X, formerly Twitter.
    X,
    /// Facebook.
    Facebook,
    /// Instagram.
    Instagram,
    /// TikTok.
    Tiktok,
    /// Reddit (current site and old.reddit).
    Reddit,
    /// LinkedIn.
    Linkedin,
    /// Mastodon servers.
    Mastodon,
    /// Bluesky.
    Bluesky,
    /// Pinterest.
    Pinterest,
    /// Any other site; the site's name is never kept.
    Other,
}

impl Platform {
    /// Every platform, in display order.
    pub const ALL: [Platform; 11] = [
        Platform::Youtube,
        Platform::X,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Reddit,
        Platform::Linkedin,
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Pinterest,
        Platform::Other,
    ];

    /// The platform's name as it appears in the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Youtube => "youtube",
            Platform::X => "x",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Reddit => "reddit",
            Platform::Linkedin => "linkedin",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
            Platform::Pinterest => "pinterest",
            Platform::Other => "other",
        }
    }

    /// Reads a platform from its export name.
    pub fn parse(name: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind of digital labour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A captcha solved by the user.
    Captcha,
    /// A like, heart, upvote, downvote, dislike, favourite or emoji reaction.
    Reaction,
    /// A reaction taken back.
    Unreaction,
    /// A repost, retweet, boost or share, once confirmed.
    Repost,
    /// One hashtag in a submitted post.
    Hashtag,
    /// A submitted post, comment or reply.
    Post,
    /// One uploaded file.
    Upload,
    /// A report or flag submitted to the platform.
    Report,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 8] = [
        Kind::Captcha,
        Kind::Reaction,
        Kind::Unreaction,
        Kind::Repost,
        Kind::Hashtag,
        Kind::Post,
        Kind::Upload,
        Kind::Report,
    ];

    /// The kind's name as it appears in the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Captcha => "captcha",
            Kind::Reaction => "reaction",
            Kind::Unreaction => "unreaction",
            Kind::Repost => "repost",
            Kind::Hashtag => "hashtag",
            Kind::Post => "post",
            Kind::Upload => "upload",
            Kind::Report => "report",
        }
    }

    /// Reads a kind from its export name.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A detail that splits a kind further (`like`, `dislike`, `image`, …).
///
/// Details come from Tâcheron's own rule table, never from page text, and are checked to be
/// short lowercase words so that nothing a user typed can end up in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Detail(String);

/// The longest detail accepted.
pub const DETAIL_MAX_LEN: usize = 24;

impl Detail {
    /// Checks and wraps a detail: 1 to 24 characters among `a-z`, `0-9`, `_` and `-`.
    pub fn new(text: &str) -> Option<Detail> {
        let valid = !text.is_empty()
            && text.len() <= DETAIL_MAX_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        valid.then(|| Detail(text.to_owned()))
    }

    /// The detail as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Detail::new(&text).ok_or_else(|| serde::de::Error::custom("invalid detail"))
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Effort measured inside a captcha solve: challenge rounds and image tiles clicked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effort {
    /// Challenge rounds (each "verify").
    pub rounds: u32,
    /// Tiles clicked.
    pub tiles: u32,
}

/// One action of digital labour, as the core counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Where it happened.
    pub platform: Platform,
    /// What kind of labour it is.
    pub kind: Kind,
    /// What splits the kind further, if anything.
    pub detail: Option<Detail>,
    /// Time the user spent on it, when it was measured (milliseconds).
    pub measured_ms: u64,
    /// Captcha rounds and tiles, when any.
    pub effort: Effort,
}

impl Action {
    /// An action with nothing measured.
    pub fn new(platform: Platform, kind: Kind, detail: Option<Detail>) -> Action {
        Action {
            platform,
            kind,
            detail,
            measured_ms: 0,
            effort: Effort::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for platform in Platform::ALL {
            assert_eq!(Platform::parse(platform.as_str()), Some(platform));
        }
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Platform::parse("myspace"), None);
        assert_eq!(Kind::parse("Reaction"), None);
    }

    #[test]
    fn details_refuse_anything_that_could_carry_user_text() {
        assert!(Detail::new("like").is_some());
        assert!(Detail::new("emoji-heart_2").is_some());
        assert!(Detail::new("").is_none());
        assert!(Detail::new("Like").is_none());
        assert!(Detail::new("hello world").is_none());
        assert!(Detail::new("a/b").is_none());
        assert!(Detail::new("économie").is_none());
        assert!(Detail::new(&"a".repeat(DETAIL_MAX_LEN + 1)).is_none());
    }
}
