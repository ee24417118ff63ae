//! The image task: a 3×3 grid of street scenes drawn as SVG, and the question "select every tile
//! that contains a bus" — the kind of challenge image captchas ask, whose answers label pictures
//! for vision models. Each tile shows one main thing (a vehicle, a traffic light, or a distractor
//! such as a tree or a house), sometimes a second one behind it, and noise lines.

use crate::Language;
use crate::random::Random;
use crate::svg::{self, GROUNDS, PAINTS, SKIES, n};
use serde::Serialize;
use std::fmt::Write as _;

/// What a grid may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Object {
    /// A car.
    Car,
    /// A bus.
    Bus,
    /// A traffic light.
    TrafficLight,
    /// A bicycle.
    Bicycle,
}

impl Object {
    /// Every object a grid may ask for.
    pub const ALL: [Object; 4] = [
        Object::Car,
        Object::Bus,
        Object::TrafficLight,
        Object::Bicycle,
    ];

    /// The object with its article, in `language` ("a bus", "un bus").
    pub fn phrase(self, language: Language) -> &'static str {
        Thing::Object(self).phrase(language)
    }
}

/// Anything drawn on a tile: the objects, and distractors that are never asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thing {
    Object(Object),
    Tree,
    House,
    Hydrant,
    Lamp,
}

const DISTRACTORS: [Thing; 4] = [Thing::Tree, Thing::House, Thing::Hydrant, Thing::Lamp];

impl Thing {
    fn phrase(self, language: Language) -> &'static str {
        let (en, fr) = match self {
            Thing::Object(Object::Car) => ("a car", "une voiture"),
            Thing::Object(Object::Bus) => ("a bus", "un bus"),
            Thing::Object(Object::TrafficLight) => ("a traffic light", "un feu tricolore"),
            Thing::Object(Object::Bicycle) => ("a bicycle", "un vélo"),
            Thing::Tree => ("a tree", "un arbre"),
            Thing::House => ("a house", "une maison"),
            Thing::Hydrant => ("a fire hydrant", "une borne d'incendie"),
            Thing::Lamp => ("a street lamp", "un lampadaire"),
        };
        language.pick(en, fr)
    }

    /// The thing drawn with its base at the origin, about 60 units wide at most.
    fn draw(self, random: &mut Random, out: &mut String) {
        let paint = svg::colour(random, &PAINTS);
        let _ = match self {
            Thing::Object(Object::Car) => write!(
                out,
                r##"<path d="M-13 -13 L-8 -21 L8 -21 L14 -13 Z" fill="{paint}"/><path d="M-10 -14 L-7 -19 L-1 -19 L-1 -14 Z M1 -14 L1 -19 L7 -19 L11 -14 Z" fill="#d6eaf8"/><rect x="-21" y="-14" width="42" height="10" rx="3" fill="{paint}"/><circle cx="-11" cy="-4" r="4.5" fill="#17202a"/><circle cx="11" cy="-4" r="4.5" fill="#17202a"/><circle cx="-11" cy="-4" r="1.8" fill="#bdc3c7"/><circle cx="11" cy="-4" r="1.8" fill="#bdc3c7"/>"##
            ),
            Thing::Object(Object::Bus) => {
                let _ = write!(
                    out,
                    r##"<rect x="-30" y="-30" width="60" height="25" rx="3" fill="{paint}"/><rect x="-30" y="-12" width="60" height="2" fill="#17202a" opacity="0.4"/>"##
                );
                for window in 0..5 {
                    let x = -27 + window * 10;
                    let _ = write!(
                        out,
                        r##"<rect x="{x}" y="-27" width="8" height="8" rx="1" fill="#d6eaf8"/>"##
                    );
                }
                write!(
                    out,
                    r##"<circle cx="-18" cy="-4" r="5" fill="#17202a"/><circle cx="18" cy="-4" r="5" fill="#17202a"/>"##
                )
            }
            Thing::Object(Object::TrafficLight) => {
                let lit = random.below(3);
                let _ = write!(
                    out,
                    r##"<rect x="-1.5" y="-40" width="3" height="40" fill="#566573"/><rect x="-8" y="-72" width="16" height="34" rx="4" fill="#1c2833"/>"##
                );
                for (i, (on, off)) in [
                    ("#e74c3c", "#641e16"),
                    ("#f5b041", "#7e5109"),
                    ("#58d68d", "#0b5345"),
                ]
                .iter()
                .enumerate()
                {
                    let fill = if i == lit { on } else { off };
                    let y = -65 + 10 * i as i32;
                    let _ = write!(out, r#"<circle cx="0" cy="{y}" r="4" fill="{fill}"/>"#);
                }
                Ok(())
            }
            Thing::Object(Object::Bicycle) => write!(
                out,
                r##"<g fill="none" stroke="{paint}" stroke-width="2" stroke-linecap="round"><circle cx="-13" cy="-10" r="9" stroke="#17202a"/><circle cx="13" cy="-10" r="9" stroke="#17202a"/><path d="M-13 -10 L-1 -10 L-5 -23 Z M-1 -10 L9 -23 L-5 -23 M9 -23 L13 -10 M9 -23 L10 -27 M7 -27 L13 -27 M-8 -25 L-2 -25"/></g>"##
            ),
            Thing::Tree => write!(
                out,
                r##"<rect x="-2.5" y="-22" width="5" height="22" fill="#6e2c00"/><circle cx="0" cy="-32" r="13" fill="#1e8449"/><circle cx="-6" cy="-26" r="8" fill="#27ae60"/>"##
            ),
            Thing::House => write!(
                out,
                r##"<rect x="-16" y="-24" width="32" height="24" fill="#f5cba7"/><path d="M-20 -24 L0 -40 L20 -24 Z" fill="{paint}"/><rect x="-4" y="-12" width="8" height="12" fill="#6e2c00"/><rect x="7" y="-19" width="6" height="6" fill="#d6eaf8"/>"##
            ),
            Thing::Hydrant => write!(
                out,
                r##"<rect x="-5" y="-16" width="10" height="16" rx="2" fill="#c0392b"/><path d="M-5 -16 A5 5 0 0 1 5 -16 Z" fill="#922b21"/><rect x="-8" y="-11" width="16" height="3" rx="1" fill="#922b21"/>"##
            ),
            Thing::Lamp => write!(
                out,
                r##"<rect x="-1.5" y="-60" width="3" height="60" fill="#2c3e50"/><path d="M0 -60 Q8 -64 12 -58" fill="none" stroke="#2c3e50" stroke-width="2"/><path d="M8 -58 L16 -58 L14 -54 L10 -54 Z" fill="#f7dc6f"/>"##
            ),
        };
    }
}

/// One tile of a grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tile {
    /// The tile as an SVG drawing.
    pub svg: String,
    /// What it shows ("a bus and a tree"), for the tests. Never sent to the page: a tile's
    /// accessible name that said what it shows would give the answer away (to a screen reader
    /// and to anyone reading the names), so the page names tiles by position only.
    #[serde(skip)]
    pub description: String,
    /// Whether it shows the grid's object.
    #[serde(skip)]
    pub contains: bool,
}

/// A 3×3 grid and what to look for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    /// The object to find.
    pub target: Object,
    /// Nine tiles, left to right and top to bottom.
    pub tiles: Vec<Tile>,
}

impl Grid {
    /// The tiles that show the object, numbered from 0.
    pub fn answer(&self) -> Vec<u8> {
        (0u8..)
            .zip(&self.tiles)
            .filter(|(_, tile)| tile.contains)
            .map(|(index, _)| index)
            .collect()
    }
}

/// Draws one thing at `x` on the ground line `y`, at `scale`, maybe mirrored.
fn place(random: &mut Random, thing: Thing, x: f64, y: f64, scale: f64, out: &mut String) {
    let mirror = if random.chance(0.5) { -1.0 } else { 1.0 };
    let _ = write!(
        out,
        r#"<g transform="translate({} {}) scale({} {})">"#,
        n(x),
        n(y),
        n(scale * mirror),
        n(scale)
    );
    thing.draw(random, out);
    out.push_str("</g>");
}

fn tile(random: &mut Random, main: Thing, behind: Option<Thing>) -> String {
    let mut out = svg::open(100, 100);
    let horizon = f64::from(random.between(55, 70));
    let _ = write!(
        out,
        r#"<rect width="100" height="100" fill="{}"/><rect y="{}" width="100" height="{}" fill="{}"/>"#,
        svg::colour(random, &SKIES),
        n(horizon),
        n(100.0 - horizon),
        svg::colour(random, &GROUNDS)
    );
    if let Some(thing) = behind {
        let x = if random.chance(0.5) {
            random.real(12.0, 24.0)
        } else {
            random.real(76.0, 88.0)
        };
        let scale = random.real(0.45, 0.6);
        place(random, thing, x, horizon + 4.0, scale, &mut out);
    }
    let scale = match main {
        Thing::Object(Object::Bus) => random.real(0.85, 1.2),
        Thing::Object(Object::TrafficLight) | Thing::Lamp => random.real(0.7, 0.95),
        _ => random.real(1.0, 1.4),
    };
    let x = random.real(38.0, 62.0);
    let ground = horizon + random.real(14.0, 24.0);
    place(random, main, x, ground.min(96.0), scale, &mut out);
    let lines = random.below(3) + 1;
    svg::noise_lines(random, 100.0, 100.0, lines, &mut out);
    out.push_str("</svg>");
    out
}

fn describe(main: Thing, behind: Option<Thing>, language: Language) -> String {
    match behind {
        Some(other) => {
            let and = language.pick("and", "et");
            format!("{} {and} {}", main.phrase(language), other.phrase(language))
        }
        None => main.phrase(language).to_owned(),
    }
}

/// Draws a grid: an object to find in three or four of the nine tiles; the others show other
/// vehicles or distractors, never the object.
pub fn grid(random: &mut Random, language: Language) -> Grid {
    let target = random.pick(&Object::ALL).copied().unwrap_or(Object::Bus);
    let others: Vec<Thing> = Object::ALL
        .iter()
        .filter(|object| **object != target)
        .map(|object| Thing::Object(*object))
        .chain(DISTRACTORS)
        .collect();
    let count = random.below(2) + 3;
    let with_target = random.sample(9, count);
    let tiles = (0..9)
        .map(|index| {
            let contains = with_target.contains(&index);
            let main = if contains {
                Thing::Object(target)
            } else {
                random.pick(&others).copied().unwrap_or(Thing::Tree)
            };
            let behind = if random.chance(0.4) {
                random.pick(&DISTRACTORS).copied()
            } else {
                None
            };
            Tile {
                svg: tile(random, main, behind),
                description: describe(main, behind, language),
                contains,
            }
        })
        .collect();
    Grid { target, tiles }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_or_four_tiles_hold_the_object_and_the_others_never_do() {
        for seed in 0..200 {
            let g = grid(&mut Random::new(seed), Language::En);
            assert_eq!(g.tiles.len(), 9);
            let answer = g.answer();
            assert!((3..=4).contains(&answer.len()), "{seed}: {answer:?}");
            let phrase = g.target.phrase(Language::En);
            for (index, tile) in g.tiles.iter().enumerate() {
                let shows = tile.description.starts_with(phrase);
                assert_eq!(shows, answer.contains(&(index as u8)), "{seed} {index}");
                assert!(tile.svg.starts_with("<svg") && tile.svg.ends_with("</svg>"));
            }
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_grid_in_both_languages() {
        let en = grid(&mut Random::new(42), Language::En);
        let fr = grid(&mut Random::new(42), Language::Fr);
        assert_eq!(en.answer(), fr.answer());
        assert_eq!(en.target, fr.target);
        assert_eq!(
            en.tiles.iter().map(|t| &t.svg).collect::<Vec<_>>(),
            fr.tiles.iter().map(|t| &t.svg).collect::<Vec<_>>()
        );
        assert_eq!(grid(&mut Random::new(42), Language::En), en);
        assert!(fr.tiles.iter().all(|t| !t.description.starts_with("a ")));
    }
}
