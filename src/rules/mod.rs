//! The detection table: which hosts belong to which platform, and what the content sensor looks
//! for on each. When a platform redesigns its pages, this table ([`platforms`]) is what changes.
//!
//! The sensor is generic: the build hands it its platform's rules and it knows nothing about any
//! platform. What an observation *means* (which kind, which detail) stays here in the core, so a
//! page cannot choose what gets counted.
//!
//! Selectors prefer test ids, ARIA state and element names; where a state shows only in label
//! text, the accepted labels are listed per language (English and French at least).

mod captchas;
mod platforms;

use crate::model::{Detail, Kind, Platform};
use serde::Serialize;

pub use captchas::{CAPTCHA_PROVIDERS, CaptchaFrame, CaptchaProvider, captcha_frame_for_url};
pub use platforms::ALL_RULES;

/// The version of this table; it changes with every change of a selector.
pub const RULES_VERSION: &str = "2026.11.6";

/// What counting an observation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meaning {
    /// The kind of labour.
    pub kind: Kind,
    /// The detail recorded with it.
    pub detail: &'static str,
}

impl Meaning {
    /// The detail, checked like any other.
    pub fn detail(self) -> Option<Detail> {
        Detail::new(self.detail)
    }
}

/// How to tell from an attribute's value that a control is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateMatch {
    /// On when the value is one of these.
    Equals(&'static [&'static str]),
    /// On when the value starts with one of these (labels that embed a count).
    StartsWith(&'static [&'static str]),
    /// On when the value does *not* start with any of these.
    NotStartsWith(&'static [&'static str]),
    /// On when the `class` list holds this class.
    HasClass(&'static str),
}

/// Where a toggle's state is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StateRule {
    /// The attribute holding the state (`aria-pressed`, `data-testid`, `class`, `aria-label`).
    pub attribute: &'static str,
    /// What value means "on".
    pub on: StateMatch,
    /// When the state sits on a descendant of the control (an icon that the page replaces), a
    /// selector for it; the sensor then watches the control's subtree.
    pub within: Option<&'static str>,
}

/// A control whose state flips when the user acts on it: a like button, a vote arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ToggleRule {
    /// The control's name, the same for every layout variant (`like`, `upvote`).
    pub control: &'static str,
    /// The layout this selector belongs to, so old and new markup sit side by side.
    pub variant: &'static str,
    /// A CSS selector matching the control in both of its states.
    pub selector: &'static str,
    /// How to read its state.
    pub state: StateRule,
    /// What switching the control on means.
    #[serde(skip)]
    pub on: Meaning,
    /// What switching the control off means.
    #[serde(skip)]
    pub off: Meaning,
}

/// A button whose trusted click is itself the act: the confirm item of a repost menu, the submit
/// button of a report form. Opening a menu is never a press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PressRule {
    /// The control's name.
    pub control: &'static str,
    /// The layout this selector belongs to.
    pub variant: &'static str,
    /// A CSS selector matching the button.
    pub selector: &'static str,
    /// Labels (`aria-label` or text, per language) that make the same button an undo, which
    /// counts nothing.
    pub unless_label_starts_with: &'static [&'static str],
    /// What a press means.
    #[serde(skip)]
    pub meaning: Meaning,
}

/// A composer: its submit button, and the editor whose text is handed to the core at submit
/// time (for hashtags, then dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ComposerRule {
    /// The composer's name (`post`, `reply`, `comment`).
    pub control: &'static str,
    /// The layout this selector belongs to.
    pub variant: &'static str,
    /// A CSS selector matching the submit button.
    pub submit: &'static str,
    /// A CSS selector matching the editor, searched from the submit button outwards.
    pub editor: &'static str,
    /// Whether a plain Enter in the editor sends it (comment boxes on Instagram, TikTok and
    /// Facebook); elsewhere Enter starts a new line and only Ctrl/Cmd+Enter sends.
    pub submit_on_enter: bool,
}

/// A keyboard shortcut that acts on the focused item without a click (X's `l`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShortcutRule {
    /// The key, as `KeyboardEvent.key` reports it.
    pub key: &'static str,
    /// The toggle it flips.
    pub control: &'static str,
    /// The item that holds focus when the shortcut is used; the toggle is searched inside it.
    pub item: &'static str,
}

/// Everything Tâcheron looks for on one platform (serialized as its sensor receives it: see
/// [`SensorRules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlatformRules {
    /// The platform.
    pub platform: Platform,
    /// Exact host names where the sensor runs (they become the manifest's content-script matches).
    pub hosts: &'static [&'static str],
    /// Selectors whose presence means nobody is logged in: then nothing is counted.
    pub logged_out: &'static [&'static str],
    /// The toggles to watch.
    pub toggles: &'static [ToggleRule],
    /// The buttons whose press is the act.
    pub presses: &'static [PressRule],
    /// The composers.
    pub composers: &'static [ComposerRule],
    /// The keyboard shortcuts.
    pub shortcuts: &'static [ShortcutRule],
    /// The most observations per minute a person can plausibly make here; more are dropped.
    #[serde(skip)]
    pub ceiling_per_minute: u32,
}

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

/// The rules for the page at `url`, counting also the Mastodon servers the user added (by host).
pub fn rules_for_url_with_servers(
    url: &str,
    mastodon_servers: &[String],
) -> Option<&'static PlatformRules> {
    rules_for_url(url).or_else(|| {
        let host = https_host(url)?;
        mastodon_servers
            .iter()
            .any(|server| server.eq_ignore_ascii_case(host))
            .then(|| {
                ALL_RULES
                    .iter()
                    .find(|rules| rules.platform == Platform::Mastodon)
            })
            .flatten()
    })
}

/// Checks a Mastodon server's host name as a user typed it ("piaille.fr", "https://piaille.fr/"):
/// the bare lowercase host, or why not.
pub fn mastodon_server_host(input: &str) -> Result<String, &'static str> {
    let trimmed = input.trim().trim_end_matches('/');
    let bare = trimmed
        .strip_prefix("https://")
        .unwrap_or(trimmed)
        .to_ascii_lowercase();
    let labels: Vec<&str> = bare.split('.').collect();
    let valid_label = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if bare.len() > 253 || labels.len() < 2 || !labels.iter().all(valid_label) {
        return Err("not a server name (like mastodon.social)");
    }
    if labels
        .last()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("an IP address is not a server name");
    }
    if rules_for_url(&format!("https://{bare}/")).is_some() {
        return Err("this site is already counted");
    }
    Ok(bare)
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

/// The rules as a platform's sensor receives them: where to run, selectors and attributes, but
/// not meanings nor the ceiling. The build writes one content script per platform from these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SensorRules {
    /// The table's version, shown in diagnostics.
    pub version: &'static str,
    /// The platform's rules, serialized without what only the core reads.
    #[serde(flatten)]
    pub rules: &'static PlatformRules,
}

impl PlatformRules {
    /// What the sensor on this platform's pages needs.
    pub fn for_sensor(&'static self) -> SensorRules {
        SensorRules {
            version: RULES_VERSION,
            rules: self,
        }
    }
}

/// What the build turns into content scripts: every platform's sensor rules, and the captcha
/// providers with the match patterns of their frames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SensorTable {
    /// The table's version.
    pub version: &'static str,
    /// One entry per platform.
    pub platforms: Vec<SensorRules>,
    /// The captcha providers.
    pub captchas: &'static [CaptchaProvider],
    /// The manifest match patterns of every captcha frame.
    pub captcha_matches: Vec<String>,
}

/// The whole sensor table, for the build.
pub fn sensor_table() -> SensorTable {
    SensorTable {
        version: RULES_VERSION,
        platforms: ALL_RULES.iter().map(PlatformRules::for_sensor).collect(),
        captchas: CAPTCHA_PROVIDERS,
        captcha_matches: CAPTCHA_PROVIDERS
            .iter()
            .flat_map(CaptchaProvider::match_patterns)
            .collect(),
    }
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
    fn every_meaning_has_a_valid_detail_and_every_toggle_its_opposite() {
        for rules in ALL_RULES {
            for toggle in rules.toggles {
                assert!(toggle.on.detail().is_some(), "{}", toggle.control);
                assert!(toggle.off.detail().is_some(), "{}", toggle.control);
                assert_eq!(toggle.on.detail, toggle.off.detail);
                assert_eq!(
                    (toggle.on.kind, toggle.off.kind),
                    (Kind::Reaction, Kind::Unreaction)
                );
            }
            for press in rules.presses {
                assert!(press.meaning.detail().is_some(), "{}", press.control);
            }
            assert!(rules.ceiling_per_minute > 0);
        }
    }

    #[test]
    fn every_control_name_has_one_meaning_per_platform() {
        for rules in ALL_RULES {
            for a in rules.toggles {
                for b in rules.toggles.iter().filter(|b| b.control == a.control) {
                    assert_eq!(
                        (a.on, a.off),
                        (b.on, b.off),
                        "{} {}",
                        rules.platform,
                        a.control
                    );
                }
            }
            for shortcut in rules.shortcuts {
                assert!(rules.toggles.iter().any(|t| t.control == shortcut.control));
            }
        }
    }

    #[test]
    fn added_mastodon_servers_get_the_mastodon_rules() {
        let servers = vec!["piaille.fr".to_owned()];
        let rules = rules_for_url_with_servers("https://piaille.fr/home", &servers);
        assert_eq!(rules.map(|r| r.platform), Some(Platform::Mastodon));
        assert!(rules_for_url_with_servers("https://other.example/home", &servers).is_none());
        assert!(rules_for_url_with_servers("https://piaille.fr.evil.example/", &servers).is_none());
    }

    /// The report press of the platform at `url`.
    fn report_press(url: &str) -> &'static PressRule {
        let rules = rules_for_url(url).expect(url);
        let mut reports = rules.presses.iter().filter(|p| p.control == "report");
        let press = reports.next().expect("a report press");
        assert!(reports.next().is_none(), "one report press on {url}");
        press
    }

    #[test]
    fn a_mastodon_report_counts_on_the_comment_steps_button_only() {
        let press = report_press("https://mastodon.social/home");
        assert_eq!(
            press.selector,
            ".report-dialog-modal__container:has(.report-dialog-modal__textarea) .report-dialog-modal__actions button"
        );
        assert_eq!(
            (press.meaning.kind, press.meaning.detail),
            (Kind::Report, "report")
        );
        // Keyed on the step, not on "Next" / "Submit report" / "Done", so no label is listed.
        assert!(press.unless_label_starts_with.is_empty());
        // Added servers get the same press.
        let servers = vec!["piaille.fr".to_owned()];
        let on_added = rules_for_url_with_servers("https://piaille.fr/home", &servers)
            .expect("an added server");
        assert!(on_added.presses.contains(press));
    }

    #[test]
    fn a_bluesky_report_counts_on_report_submit_while_it_is_enabled() {
        let press = report_press("https://bsky.app/profile/someone/post/1");
        assert_eq!(
            press.selector,
            "[data-testid=\"report:submit\"]:not([aria-disabled=\"true\"])"
        );
        assert_eq!(
            (press.meaning.kind, press.meaning.detail),
            (Kind::Report, "report")
        );
        assert!(press.unless_label_starts_with.is_empty());
    }

    #[test]
    fn reports_reach_the_sensor_without_their_meaning() {
        for url in ["https://mastodon.social/home", "https://bsky.app/"] {
            let sensor = rules_for_url(url).expect(url).for_sensor();
            let json = serde_json::to_value(&sensor).expect("serializable");
            let presses = json["presses"].as_array().expect("presses");
            let report = presses
                .iter()
                .find(|p| p["control"] == "report")
                .expect("the report press");
            assert_eq!(report["selector"], report_press(url).selector);
            assert!(report.get("meaning").is_none(), "{url}");
        }
    }

    #[test]
    fn server_names_are_checked() {
        assert_eq!(
            mastodon_server_host(" https://Piaille.FR/ "),
            Ok("piaille.fr".to_owned())
        );
        assert_eq!(
            mastodon_server_host("social.example-server.org"),
            Ok("social.example-server.org".to_owned())
        );
        for bad in [
            "",
            "localhost",
            "piaille",
            "192.168.1.10",
            "-bad.example",
            "a b.example",
            "x.com",
            "mastodon.social",
            "p/iaille.fr",
        ] {
            assert!(mastodon_server_host(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_host_belongs_to_two_platforms() {
        let mut hosts: Vec<&str> = ALL_RULES
            .iter()
            .flat_map(|r| r.hosts.iter().copied())
            .collect();
        let all = hosts.len();
        hosts.sort_unstable();
        hosts.dedup();
        assert_eq!(hosts.len(), all);
    }

    #[test]
    fn only_comment_boxes_that_send_on_enter_are_marked_so() {
        let on_enter: Vec<(Platform, &str)> = ALL_RULES
            .iter()
            .flat_map(|rules| {
                rules
                    .composers
                    .iter()
                    .filter(|composer| composer.submit_on_enter)
                    .map(|composer| (rules.platform, composer.control))
            })
            .collect();
        assert_eq!(
            on_enter,
            [
                (Platform::Facebook, "comment"),
                (Platform::Instagram, "comment"),
                (Platform::Tiktok, "comment"),
            ]
        );
        let tiktok = rules_for_url("https://www.tiktok.com/@a/video/1")
            .expect("tiktok")
            .for_sensor();
        let json = serde_json::to_value(&tiktok).expect("serializable");
        assert_eq!(json["composers"][0]["submit_on_enter"], true);
    }

    #[test]
    fn sensor_rules_carry_selectors_but_not_meanings() {
        let rules = rules_for_url("https://www.youtube.com/")
            .expect("youtube")
            .for_sensor();
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
