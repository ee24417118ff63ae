// A demo ledger for screenshots and demos: about two months of plausible synthetic activity of
// one person, as an export file (docs/export-format.md) that the core imports like any other.
//
// The numbers come from a seeded generator, so the same day always gets the same counts; the
// dates end today. Weekdays and weekends differ, and so do the platforms: a lot of liking on
// Instagram and TikTok, votes on Reddit, some posting with hashtags on X and Mastodon, a few
// uploads, and captchas on sites outside the list (some of them timed).

/** mulberry32: a small, good-enough 32-bit generator. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How often each thing happens on an average weekday: [platform, kind, detail, mean per day,
 * weekend factor, seconds per action when the sensor times it (posts: the time in the composer)].
 * A mean below 1 is a chance per day.
 */
const HABITS = [
  ["youtube", "reaction", "like", 6, 1.6],
  ["youtube", "reaction", "dislike", 0.4, 1.5],
  ["youtube", "post", "post", 0.3, 1.5, 35],
  ["instagram", "reaction", "like", 24, 1.4],
  ["instagram", "reaction", "save", 1.5, 1.3],
  ["instagram", "post", "post", 0.25, 2, 60],
  ["instagram", "hashtag", null, 1.2, 2],
  ["instagram", "upload", "image", 0.5, 2.2],
  ["tiktok", "reaction", "like", 18, 1.8],
  ["tiktok", "reaction", "favourite", 1.2, 1.8],
  ["x", "reaction", "like", 9, 0.8],
  ["x", "unreaction", "like", 0.6, 0.8],
  ["x", "repost", "repost", 1.6, 0.7],
  ["x", "post", "post", 1.1, 0.6, 45],
  ["x", "hashtag", null, 1.4, 0.6],
  ["reddit", "reaction", "upvote", 11, 1.2],
  ["reddit", "reaction", "downvote", 1.5, 1.2],
  ["reddit", "post", "post", 0.6, 1.3, 120],
  ["facebook", "reaction", "like", 4, 1.3],
  ["facebook", "upload", "image", 0.2, 2.5],
  ["linkedin", "reaction", "like", 3, 0.15],
  ["linkedin", "post", "post", 0.12, 0, 180],
  ["mastodon", "reaction", "favourite", 5, 1],
  ["mastodon", "repost", "repost", 1.4, 1],
  ["mastodon", "post", "post", 0.7, 1, 50],
  ["mastodon", "hashtag", null, 0.9, 1],
  ["bluesky", "reaction", "like", 4, 1],
  ["pinterest", "reaction", "save", 2.5, 2],
  ["pinterest", "upload", "image", 0.1, 2],
  ["youtube", "upload", "video", 0.04, 3],
  ["x", "report", "report", 0.05, 1],
];

/** Captchas on other sites: [detail, mean per weekday, seconds per solve when timed]. */
const CAPTCHAS = [
  ["recaptcha-checkbox", 1.2, 3.2],
  ["recaptcha-image", 0.7, 24],
  ["hcaptcha-image", 0.25, 28],
  ["turnstile", 0.9, 2.1],
];

/** A count around `mean` (Poisson-like, by Knuth's method; fine for small means). */
function draw(random, mean) {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + (random() - 0.5) * 2 * Math.sqrt(mean) * 1.7));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let p = random(); p > limit; p *= random()) count += 1;
  return count;
}

/** The local date `back` days before `today`, as YYYY-MM-DD. */
function dateBefore(today, back) {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, 12);
  return day.toLocaleDateString("sv");
}

/**
 * The export: `days` days ending `today` (local dates). Records are sorted as the format asks:
 * by date, then platform, kind and detail.
 */
export function demoExport({ days = 60, today = new Date(), seed = 20261128 } = {}) {
  const records = [];
  for (let back = days - 1; back >= 0; back -= 1) {
    const date = dateBefore(today, back);
    const weekday = new Date(`${date}T12:00:00`).getDay();
    const weekend = weekday === 0 || weekday === 6;
    // One generator per date: the same date gets the same counts whatever the period.
    const random = generator(seed ^ Number(date.replaceAll("-", "")));
    // Busier and quieter days, and a slow rise over the weeks.
    const mood = (0.55 + random() * 0.9) * (0.8 + (0.4 * (days - back)) / days);
    for (const [platform, kind, detail, mean, weekendFactor, seconds] of HABITS) {
      const count = draw(random, mean * mood * (weekend ? weekendFactor : 1));
      if (count === 0) continue;
      const record = { date, platform, kind, ...(detail ? { detail } : {}), count };
      if (seconds) {
        record.measured = count;
        record.measured_seconds = Math.round(count * seconds * (0.6 + random() * 0.8) * 10) / 10;
      }
      records.push(record);
    }
    for (const [detail, mean, seconds] of CAPTCHAS) {
      const count = draw(random, mean * (weekend ? 0.6 : 1));
      if (count === 0) continue;
      // Most solves were timed by the sensor; the rest get the card's modelled time.
      const measured = count - (random() < 0.3 ? 1 : 0);
      const record = { date, platform: "other", kind: "captcha", detail, count };
      if (measured > 0) {
        record.measured = measured;
        record.measured_seconds = Math.round(measured * seconds * (0.7 + random() * 0.6) * 10) / 10;
      }
      records.push(record);
    }
  }
  const order = (r) => [r.date, r.platform, r.kind, r.detail ?? ""].join("\u0000");
  records.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { format: "tacheron-export", version: 1, records };
}
