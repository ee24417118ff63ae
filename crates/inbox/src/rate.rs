//! A per-client rate limit: a token bucket per client address, refilled evenly over an hour.
//! Times come in as arguments, so the limit is tested without waiting.

use std::collections::HashMap;
use std::net::IpAddr;

/// Buckets of the clients seen.
#[derive(Debug)]
pub struct RateLimit {
    per_hour: u32,
    buckets: HashMap<IpAddr, (f64, i64)>,
}

/// The most clients remembered; past it, the buckets of clients with full buckets are dropped.
const MAX_CLIENTS: usize = 100_000;

impl RateLimit {
    /// At most `per_hour` requests an hour per client, all of them at once if it likes.
    pub fn new(per_hour: u32) -> RateLimit {
        RateLimit {
            per_hour,
            buckets: HashMap::new(),
        }
    }

    /// Whether `client` may make a request at `now_ms` (and takes its token if so).
    pub fn allow(&mut self, client: IpAddr, now_ms: i64) -> bool {
        let capacity = f64::from(self.per_hour);
        let per_ms = capacity / 3_600_000.0;
        if self.buckets.len() >= MAX_CLIENTS {
            self.buckets.retain(|_, (tokens, at)| {
                *tokens + (now_ms - *at).max(0) as f64 * per_ms < capacity
            });
        }
        let (tokens, at) = self.buckets.entry(client).or_insert((capacity, now_ms));
        *tokens = (*tokens + (now_ms - *at).max(0) as f64 * per_ms).min(capacity);
        *at = now_ms;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_bucket_refilled_over_the_hour() {
        let mut limit = RateLimit::new(2);
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        assert!(limit.allow(a, 0) && limit.allow(a, 0));
        assert!(!limit.allow(a, 1000));
        assert!(limit.allow(b, 1000));
        assert!(limit.allow(a, 1_801_000), "half an hour later, one more");
        assert!(!limit.allow(a, 1_801_001));
    }
}
