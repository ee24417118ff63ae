//! The captcha table: the frames each provider serves its widget from, and what the captcha
//! sensor (content/captcha.js, running inside those frames) watches in each.
//!
//! A solve counts once, from the first trusted interaction (or the challenge being shown) to the
//! solved state, with its challenge type, rounds and tiles. A solve with no interaction at all
//! (reCAPTCHA v3 or invisible with no challenge, a non-interactive Turnstile) is passive: not the
//! user's labour, not counted. Sources: Buster and NopeCHA for the reCAPTCHA, hCaptcha and Arkose
//! frames and selectors; Cloudflare's Turnstile documentation for its frame. Entries marked
//! "assumption" have no published trace of the exact markup.

use serde::Serialize;

/// One frame of a provider's widget and what to watch in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaptchaFrame {
    /// What the frame is (`anchor`, `challenge`).
    pub role: &'static str,
    /// Text that the frame's URL (path, query or hash) contains.
    pub url_contains: &'static str,
    /// Elements whose trusted click or keystroke is the person working on the captcha.
    pub interact: &'static str,
    /// An element whose presence means solved (in the frame that shows it).
    pub solved: Option<&'static str>,
    /// Challenge types by the element that shows them (`image`, `audio`, `game`).
    pub challenges: &'static [(&'static str, &'static str)],
    /// The button that submits a round.
    pub round: Option<&'static str>,
    /// The tiles of an image challenge.
    pub tile: Option<&'static str>,
}

/// A captcha provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaptchaProvider {
    /// Its name, the start of every detail it records.
    pub name: &'static str,
    /// The detail of a solve without a challenge.
    pub plain_detail: &'static str,
    /// Frame hosts: exact, or `*.` and a domain for any subdomain.
    pub hosts: &'static [&'static str],
    /// The path every frame of the provider starts with.
    pub path_prefix: &'static str,
    /// Its frames.
    pub frames: &'static [CaptchaFrame],
}

/// reCAPTCHA v2 and Enterprise: the checkbox in the anchor frame, the image or audio challenge in
/// the bframe (api2 and enterprise; google.com and recaptcha.net).
const RECAPTCHA: CaptchaProvider = CaptchaProvider {
    name: "recaptcha",
    plain_detail: "recaptcha-checkbox",
    hosts: &["www.google.com", "www.recaptcha.net", "recaptcha.net"],
    path_prefix: "/recaptcha/",
    frames: &[
        CaptchaFrame {
            role: "anchor",
            url_contains: "/anchor",
            interact: "#recaptcha-anchor",
            solved: Some("#recaptcha-anchor[aria-checked=\"true\"]"),
            challenges: &[],
            round: None,
            tile: None,
        },
        CaptchaFrame {
            role: "challenge",
            url_contains: "/bframe",
            interact: ".rc-imageselect-tile, #recaptcha-verify-button, #recaptcha-audio-button, #audio-response",
            solved: None,
            challenges: &[("#rc-imageselect", "image"), ("#audio-response", "audio")],
            round: Some("#recaptcha-verify-button"),
            tile: Some(".rc-imageselect-tile"),
        },
    ],
};

/// hCaptcha: the frame type is in the URL's hash (`#frame=checkbox`, `#frame=challenge`).
const HCAPTCHA: CaptchaProvider = CaptchaProvider {
    name: "hcaptcha",
    plain_detail: "hcaptcha-checkbox",
    hosts: &["*.hcaptcha.com"],
    path_prefix: "/captcha/",
    frames: &[
        CaptchaFrame {
            role: "anchor",
            url_contains: "frame=checkbox",
            interact: "#checkbox",
            solved: Some("#checkbox[aria-checked=\"true\"]"),
            challenges: &[],
            round: None,
            tile: None,
        },
        CaptchaFrame {
            role: "challenge",
            url_contains: "frame=challenge",
            interact: ".task-image, .button-submit",
            solved: None,
            challenges: &[(".task-image", "image")],
            round: Some(".button-submit"),
            tile: Some(".task-image"),
        },
    ],
};

/// Cloudflare Turnstile: counted only when the person has to click its checkbox (assumption for
/// the inner markup: a checkbox input, and `#success` shown once passed).
const TURNSTILE: CaptchaProvider = CaptchaProvider {
    name: "turnstile",
    plain_detail: "turnstile",
    hosts: &["challenges.cloudflare.com"],
    path_prefix: "/cdn-cgi/challenge-platform/",
    frames: &[CaptchaFrame {
        role: "anchor",
        url_contains: "/turnstile/",
        interact: "input[type=\"checkbox\"]",
        solved: Some("#success:not([style*=\"none\"])"),
        challenges: &[],
        round: None,
        tile: None,
    }],
};

/// Arkose Labs / FunCaptcha games (assumption for the solved screen).
const ARKOSE: CaptchaProvider = CaptchaProvider {
    name: "arkose",
    plain_detail: "arkose",
    hosts: &["*.arkoselabs.com", "*.funcaptcha.com"],
    path_prefix: "/fc/",
    frames: &[CaptchaFrame {
        role: "challenge",
        url_contains: "/fc/",
        interact: "#game_children_challenge ul > li > a, button[aria-describedby=\"descriptionVerify\"]",
        solved: Some(".victory-screen, #victory-screen"),
        challenges: &[("#game_children_challenge", "game")],
        round: Some("button[aria-describedby=\"descriptionVerify\"]"),
        tile: Some("#game_children_challenge ul > li > a"),
    }],
};

/// Every captcha provider.
pub const CAPTCHA_PROVIDERS: &[CaptchaProvider] = &[RECAPTCHA, HCAPTCHA, TURNSTILE, ARKOSE];

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1),
        None => pattern.eq_ignore_ascii_case(host),
    }
}

/// The provider and frame serving `url`, if it is a captcha frame.
pub fn captcha_frame_for_url(
    url: &str,
) -> Option<(&'static CaptchaProvider, &'static CaptchaFrame)> {
    let host = super::https_host(url)?.to_ascii_lowercase();
    let path = url
        .strip_prefix("https://")?
        .get(url.strip_prefix("https://")?.find('/')?..)?;
    CAPTCHA_PROVIDERS
        .iter()
        .filter(|p| p.hosts.iter().any(|pattern| host_matches(pattern, &host)))
        .filter(|p| path.starts_with(p.path_prefix))
        .find_map(|p| {
            p.frames
                .iter()
                .find(|f| url.contains(f.url_contains))
                .map(|f| (p, f))
        })
}

impl CaptchaProvider {
    /// The manifest match patterns of this provider's frames.
    pub fn match_patterns(&self) -> Vec<String> {
        self.hosts
            .iter()
            .map(|host| format!("https://{host}{}*", self.path_prefix))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_frame_urls_are_recognised() {
        for (url, provider, role) in [
            (
                "https://www.google.com/recaptcha/api2/anchor?ar=1&k=6Le&hl=fr&size=normal",
                "recaptcha",
                "anchor",
            ),
            (
                "https://www.google.com/recaptcha/enterprise/bframe?hl=en&k=6Le",
                "recaptcha",
                "challenge",
            ),
            (
                "https://www.recaptcha.net/recaptcha/api2/anchor?k=x",
                "recaptcha",
                "anchor",
            ),
            (
                "https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html#frame=checkbox&id=1",
                "hcaptcha",
                "anchor",
            ),
            (
                "https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html#frame=challenge&id=1",
                "hcaptcha",
                "challenge",
            ),
            (
                "https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/rcv/x/light/normal",
                "turnstile",
                "anchor",
            ),
            (
                "https://client-api.arkoselabs.com/fc/assets/tile-game-ui/index.html",
                "arkose",
                "challenge",
            ),
        ] {
            let (p, f) = captcha_frame_for_url(url).expect(url);
            assert_eq!((p.name, f.role), (provider, role), "{url}");
        }
    }

    #[test]
    fn look_alike_frames_are_not_captchas() {
        for url in [
            "https://www.example.org/recaptcha/api2/anchor?k=x",
            "https://www.google.com.evil.example/recaptcha/api2/anchor",
            "https://www.google.com/search?q=/recaptcha/api2/anchor",
            "https://hcaptcha.com.evil.example/captcha/#frame=checkbox",
            "https://evilhcaptcha.com/captcha/v1/x#frame=checkbox",
            "http://www.google.com/recaptcha/api2/anchor",
        ] {
            assert!(captcha_frame_for_url(url).is_none(), "{url}");
        }
    }

    #[test]
    fn details_fit_the_ledger() {
        for provider in CAPTCHA_PROVIDERS {
            assert!(crate::model::Detail::new(provider.plain_detail).is_some());
            for frame in provider.frames {
                for (_, challenge) in frame.challenges {
                    let detail = format!("{}-{challenge}", provider.name);
                    assert!(crate::model::Detail::new(&detail).is_some(), "{detail}");
                }
            }
        }
    }
}
