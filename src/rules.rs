//! The detection table: which hosts belong to which platform, and what the content sensor looks
//! for on each. When a platform redesigns its pages, this table is what changes.
//!
//! The sensor is generic: it receives the rules for its page from the service worker and knows
//! nothing about any platform. What an observed state change *means* (which kind, which detail)
//! stays here in the core, so a page cannot choose what gets counted.

use crate::model::{Detail, Kind, Platform};
use serde::Serialize;

/// The version of this table; it changes with every change of a selector.
pub const RULES_VERSION: &str = "2026.11.1";

/// What counting a toggle's change means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meaning {
    /// The kind of labour.
    pub kind: Kind,
    /// The detail recorded with it.
    pub detail: &'static str,
}

/// A control whose state flips when the user acts on it: a like button, a vote arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ToggleRule {
    /// The control's name, the same for every layout variant (`like`, `dislike`).
    pub control: &'static str,
    /// The layout this selector belongs to, so old and new markup can sit side by side.
    pub variant: &'static str,
    /// A CSS selector matching the element that holds the state.
    pub selector: &'static str,
    /// The attribute holding the state.
    pub state_attribute: &'static str,
    /// The attribute's value when the control is on.
    pub on_value: &'static str,
    /// What switching the control on means.
    #[serde(skip)]
    pub on: Meaning,
    /// What switching the control off means.
    #[serde(skip)]
    pub off: Meaning,
}

/// Everything Tâcheron looks for on one platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformRules {
    /// The platform.
    pub platform: Platform,
    /// Exact host names where the sensor runs (they are the manifest's content-script matches).
    pub hosts: &'static [&'static str],
    /// The toggles to watch.
    pub toggles: &'static [ToggleRule],
}

const LIKE: Meaning = Meaning {
    kind: Kind::Reaction,
    detail: "like",
};
const UNLIKE: Meaning = Meaning {
    kind: Kind::Unreaction,
    detail: "like",
};
const DISLIKE: Meaning = Meaning {
    kind: Kind::Reaction,
    detail: "dislike",
};
const UNDISLIKE: Meaning = Meaning {
    kind: Kind::Unreaction,
    detail: "dislike",
};

/// A toggle whose state is `aria-pressed="true"`, the commonest accessible toggle.
const fn aria_pressed(
    control: &'static str,
    variant: &'static str,
    selector: &'static str,
    on: Meaning,
    off: Meaning,
) -> ToggleRule {
    ToggleRule {
        control,
        variant,
        selector,
        state_attribute: "aria-pressed",
        on_value: "true",
        on,
        off,
    }
}

/// YouTube: the like and dislike buttons under a video, keyed on custom element names and
/// `aria-pressed` (labels are localized and embed counts). Source: platform-signals research,
/// Return YouTube Dislike's selectors and live markup (2023–2026).
const YOUTUBE: PlatformRules = PlatformRules {
    platform: Platform::Youtube,
    hosts: &["www.youtube.com", "m.youtube.com"],
    toggles: &[
        aria_pressed(
            "like",
            "view-model-2024",
            "like-button-view-model button[aria-pressed]",
            LIKE,
            UNLIKE,
        ),
        aria_pressed(
            "dislike",
            "view-model-2024",
            "dislike-button-view-model button[aria-pressed]",
            DISLIKE,
            UNDISLIKE,
        ),
        aria_pressed(
            "like",
            "segmented-2023",
            "#segmented-like-button button[aria-pressed]",
            LIKE,
            UNLIKE,
        ),
        aria_pressed(
            "dislike",
            "segmented-2023",
            "#segmented-dislike-button button[aria-pressed]",
            DISLIKE,
            UNDISLIKE,
        ),
    ],
};

/// Every platform's rules.
pub const ALL_RULES: &[PlatformRules] = &[YOUTUBE];

/// The rules for the page at `url`, or `None` when the page is not on a known platform.
pub fn rules_for_url(url: &str) -> Option<&'static PlatformRules> {
    let host = https_host(url)?;
    ALL_RULES.iter().find(|rules| {
        rules
            .hosts
            .iter()
            .any(|known| known.eq_ignore_ascii_case(host))
    })
}

/// The host of an `https://` URL without port, user info or path; `None` for anything else.
pub fn https_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end)?;
    if authority.contains('@') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    (!host.is_empty()).then_some(host)
}

impl Meaning {
    /// The detail, checked like any other.
    pub fn detail(self) -> Option<Detail> {
        Detail::new(self.detail)
    }
}

/// The rules as a platform's sensor receives them: where to run, selectors and attributes, but
/// not meanings. The build writes one content script per platform from these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SensorRules {
    /// The table's version, shown in diagnostics.
    pub version: &'static str,
    /// The platform of the page.
    pub platform: Platform,
    /// The hosts where the sensor runs.
    pub hosts: &'static [&'static str],
    /// The toggles to watch.
    pub toggles: &'static [ToggleRule],
}

impl PlatformRules {
    /// What the sensor on this platform's pages needs.
    pub fn for_sensor(&self) -> SensorRules {
        SensorRules {
            version: RULES_VERSION,
            platform: self.platform,
            hosts: self.hosts,
            toggles: self.toggles,
        }
    }
}

/// Every platform's sensor rules, for the build.
pub fn sensor_table() -> Vec<SensorRules> {
    ALL_RULES.iter().map(PlatformRules::for_sensor).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_pages_get_youtube_rules() {
        for url in [
            "https://www.youtube.com/watch?v=abc",
            "https://m.youtube.com/",
            "https://WWW.YOUTUBE.COM/shorts/x",
            "https://www.youtube.com:443/watch",
        ] {
            assert_eq!(
                rules_for_url(url).map(|r| r.platform),
                Some(Platform::Youtube),
                "{url}"
            );
        }
    }

    #[test]
    fn look_alike_and_non_https_pages_get_no_rules() {
        for url in [
            "https://www.example.org/watch?v=abc",
            "http://www.youtube.com/watch",
            "https://www.youtube.com.evil.example/",
            "https://evil.example/?u=https://www.youtube.com/",
            "https://www.youtube.com@evil.example/",
            "https://music.youtube.com/",
            "chrome-extension://abc/pages/dashboard.html",
            "",
        ] {
            assert!(rules_for_url(url).is_none(), "{url}");
        }
    }

    #[test]
    fn every_meaning_has_a_valid_detail_and_every_control_its_opposite() {
        for rules in ALL_RULES {
            for toggle in rules.toggles {
                assert!(toggle.on.detail().is_some(), "{}", toggle.control);
                assert!(toggle.off.detail().is_some(), "{}", toggle.control);
                assert_eq!(toggle.on.detail, toggle.off.detail);
                assert_ne!(toggle.on.kind, toggle.off.kind);
            }
        }
    }

    #[test]
    fn sensor_rules_carry_selectors_but_not_meanings() {
        let rules = YOUTUBE.for_sensor();
        let json = serde_json::to_value(&rules).expect("serializable");
        assert_eq!(json["platform"], "youtube");
        assert_eq!(json["version"], RULES_VERSION);
        assert_eq!(json["hosts"][0], "www.youtube.com");
        let first = &json["toggles"][0];
        assert_eq!(
            first["selector"],
            "like-button-view-model button[aria-pressed]"
        );
        assert!(first.get("on").is_none());
    }
}
