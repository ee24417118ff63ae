//! Small helpers to write SVG by hand: numbers with one decimal, the opening tag of a drawing and
//! a few palettes. The workshop's images are strings of SVG the pages put in the document as they
//! are (the core writes every attribute itself; no text from outside goes in).

use crate::random::Random;
use std::fmt::Write as _;

/// `x` with at most one decimal (`12`, `12.5`, `-3.2`), short enough for long drawings.
pub fn n(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// The opening tag of a drawing of `width` × `height` user units, hidden from assistive
/// technologies (the page describes it).
pub fn open(width: u16, height: u16) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">"#
    )
}

/// Vehicle paint colours.
pub const PAINTS: [&str; 8] = [
    "#c0392b", "#2471a3", "#d4ac0d", "#1e8449", "#7d3c98", "#ca6f1e", "#707b7c", "#17202a",
];

/// Skies, from clear to overcast.
pub const SKIES: [&str; 5] = ["#d6eaf8", "#aed6f1", "#ebf5fb", "#d5d8dc", "#fdebd0"];

/// Grounds: asphalt, grass, pavement.
pub const GROUNDS: [&str; 4] = ["#808b96", "#7dcea0", "#a6acaf", "#b9a37e"];

/// Dark inks for distorted text and noise.
pub const INKS: [&str; 5] = ["#17202a", "#512e5f", "#154360", "#641e16", "#0b5345"];

/// One of `palette`'s colours.
pub fn colour(random: &mut Random, palette: &[&'static str]) -> &'static str {
    random.pick(palette).copied().unwrap_or("#000")
}

/// `count` thin random lines across a `width` × `height` drawing, as captchas draw to confuse
/// machines.
pub fn noise_lines(random: &mut Random, width: f64, height: f64, count: usize, out: &mut String) {
    for _ in 0..count {
        let (x1, y1) = (random.real(0.0, width * 0.3), random.real(0.0, height));
        let (x2, y2) = (random.real(width * 0.7, width), random.real(0.0, height));
        let (cx, cy) = (
            random.real(0.0, width),
            random.real(-height * 0.3, height * 1.3),
        );
        let ink = colour(random, &INKS);
        let stroke = random.real(0.6, 1.8);
        let _ = write!(
            out,
            r#"<path d="M{} {} Q{} {} {} {}" fill="none" stroke="{ink}" stroke-width="{}" opacity="0.55"/>"#,
            n(x1),
            n(y1),
            n(cx),
            n(cy),
            n(x2),
            n(y2),
            n(stroke)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.46), "12.5");
        assert_eq!(n(-3.21), "-3.2");
    }
}
