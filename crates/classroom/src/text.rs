//! The text task: a short string of letters and digits drawn warped, rotated and crossed by noise
//! lines — the old text captcha, whose answers transcribed scanned books (reCAPTCHA, 2007–2018).
//! The answer is compared without regard to case or spaces.

use crate::random::Random;
use crate::svg::{self, INKS, n};
use std::fmt::Write as _;

/// Characters that cannot be mistaken for one another in any case (no 0/O, 1/I/l, 2/Z, 5/S, 8/B).
const ALPHABET: &[u8] = b"ACDEFGHJKMNPRTUVWXY34679";

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 80.0;

/// A distorted text and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Distorted {
    /// The drawing.
    pub svg: String,
    /// The text drawn, in capitals.
    pub answer: String,
}

/// Whether `typed` says `answer`: case, spaces and dashes do not matter.
pub fn matches(typed: &str, answer: &str) -> bool {
    let clean = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect()
    };
    !answer.is_empty() && clean(typed) == clean(answer)
}

/// Draws a text of five or six characters. `id` keeps the drawing's filter apart from the other
/// drawings on the same page.
pub fn distorted(random: &mut Random, id: u16) -> Distorted {
    let length = 5 + random.below(2);
    let answer: String = (0..length)
        .map(|_| {
            ALPHABET
                .get(random.below(ALPHABET.len()))
                .map_or('A', |b| char::from(*b))
        })
        .collect();
    let mut out = svg::open(WIDTH as u16, HEIGHT as u16);
    let _ = write!(
        out,
        r##"<defs><filter id="warp-{id}" x="-5%" y="-5%" width="110%" height="110%"><feTurbulence type="fractalNoise" baseFrequency="{:.3}" numOctaves="2" seed="{}" result="noise"/><feDisplacementMap in="SourceGraphic" in2="noise" scale="{}" xChannelSelector="R" yChannelSelector="G"/></filter></defs><rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f6f7"/>"##,
        random.real(0.02, 0.05),
        random.below(1000),
        n(random.real(5.0, 9.0))
    );
    for _ in 0..30 {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}" opacity="0.5"/>"#,
            n(random.real(0.0, WIDTH)),
            n(random.real(0.0, HEIGHT)),
            n(random.real(0.5, 1.6)),
            svg::colour(random, &INKS)
        );
    }
    let _ = write!(out, r#"<g filter="url(#warp-{id})">"#);
    let step = (WIDTH - 40.0) / length as f64;
    for (i, c) in answer.chars().enumerate() {
        let x = 24.0 + step * i as f64 + random.real(-4.0, 4.0);
        let y = 54.0 + random.real(-8.0, 8.0);
        let shown = if c.is_ascii_alphabetic() && random.chance(0.4) {
            c.to_ascii_lowercase()
        } else {
            c
        };
        let family = svg::colour(random, &["serif", "sans-serif", "monospace"]);
        let _ = write!(
            out,
            r#"<text x="{x}" y="{y}" transform="rotate({} {x} {y}) skewX({})" font-family="{family}" font-size="{}" font-weight="bold" fill="{}">{shown}</text>"#,
            n(random.real(-28.0, 28.0)),
            n(random.real(-15.0, 15.0)),
            n(random.real(32.0, 42.0)),
            svg::colour(random, &INKS),
            x = n(x),
            y = n(y),
        );
    }
    let lines = 2 + random.below(2);
    svg::noise_lines(random, WIDTH, HEIGHT, lines, &mut out);
    out.push_str("</g></svg>");
    Distorted { svg: out, answer }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_drawn_and_its_answer_known() {
        for seed in 0..100 {
            let d = distorted(&mut Random::new(seed), 3);
            assert!((5..=6).contains(&d.answer.len()));
            assert!(d.answer.bytes().all(|b| ALPHABET.contains(&b)));
            assert!(d.svg.contains("warp-3"));
            assert_eq!(d.svg.matches("<text").count(), d.answer.len());
        }
        assert_eq!(
            distorted(&mut Random::new(5), 0),
            distorted(&mut Random::new(5), 0)
        );
    }

    #[test]
    fn answers_compare_without_case_or_spaces() {
        assert!(matches("k7 p3x", "K7P3X"));
        assert!(matches(" K7-P3X ", "K7P3X"));
        assert!(!matches("K7P3", "K7P3X"));
        assert!(!matches("", ""));
    }
}
