//! A small deterministic random number generator (SplitMix64), so that a workshop is the same
//! every time it is drawn from the same seed: the page, the tests and the scoring all regenerate
//! the same tasks from the seed alone. Not for anything secret.

/// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state, a fixed increment, a mixing step.
#[derive(Debug, Clone)]
pub struct Random {
    state: u64,
}

impl Random {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Random {
        Random { state: seed }
    }

    /// A generator for one part of a workshop: the same seed and a different `stream` give
    /// unrelated sequences, so adding a task of one kind does not change the others.
    pub fn stream(seed: u64, stream: u64) -> Random {
        let mut mixer = Random::new(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
        Random::new(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0). The tiny modulo bias does not matter here.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        // usize is at most 64 bits on every target this crate builds for.
        (self.next_u64() % bound as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i32, high: i32) -> i32 {
        let (low, high) = (low.min(high), low.max(high));
        let span = u64::from(high.abs_diff(low)) + 1;
        // The result lies within low..=high, so it fits an i32.
        (i64::from(low) + (self.next_u64() % span) as i64) as i32
    }

    /// A real number in `low..high`.
    pub fn real(&mut self, low: f64, high: f64) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        low + unit * (high - low)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.real(0.0, 1.0) < p
    }

    /// One element of `items`, or `None` when it is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// The items in a random order (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `count` distinct indices of `0..len`, in random order (all of them when `count > len`).
    pub fn sample(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..len).collect();
        self.shuffle(&mut indices);
        indices.truncate(count);
        indices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_streams_differ() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Random::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Random::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(
            Random::stream(7, 1).next_u64(),
            Random::stream(7, 2).next_u64()
        );
    }

    #[test]
    fn bounds_are_kept() {
        let mut r = Random::new(1);
        for _ in 0..1000 {
            assert!(r.below(9) < 9);
            assert!((-3..=4).contains(&r.between(-3, 4)));
            let x = r.real(2.0, 5.0);
            assert!((2.0..5.0).contains(&x));
        }
        assert_eq!(r.below(0), 0);
        let mut sample = r.sample(9, 4);
        assert_eq!(sample.len(), 4);
        sample.sort_unstable();
        sample.dedup();
        assert_eq!(sample.len(), 4);
    }
}
