// Numbers, amounts, durations, dates and plurals for one locale, all with Intl, so that every
// figure on the dashboard reads the way the page's language writes it.

/** A calendar date "YYYY-MM-DD" as a Date at midnight UTC (formatted in UTC: no shift by a day). */
export function dateOf(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** "YYYY-MM-DD" of a Date at midnight UTC. */
export const isoOf = (date) => date.toISOString().slice(0, 10);

/** Today's local date "YYYY-MM-DD", as the core files it. */
export const localToday = () => new Date().toLocaleDateString("sv");

/** The same day `days` later (or earlier). */
export const addDays = (iso, days) => isoOf(new Date(dateOf(iso).getTime() + days * 86_400_000));

/**
 * The formats of `locale`. `message` is the page's message function: plurals pick
 * `<name>_<category>` and fall back on `<name>_other`.
 */
export function formats(locale, message) {
  // Each Intl object is made the first time it is needed (making one is costly, and a page
  // uses only some of them), then kept.
  const once = (make) => {
    let made;
    return () => (made ??= make());
  };
  const integer = once(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
  const decimal = once(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
  const percent = once(() => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }));
  const change = once(
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0, signDisplay: "exceptZero" }),
  );
  const plurals = once(() => new Intl.PluralRules(locale));
  const units = new Map();
  const unit = (name) => {
    if (!units.has(name)) {
      units.set(
        name,
        new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1 }),
      );
    }
    return units.get(name);
  };
  const compact = once(() => new Intl.NumberFormat(locale, { notation: "compact", maximumSignificantDigits: 3 }));
  const compactHours = once(
    () =>
      new Intl.NumberFormat(locale, {
        style: "unit",
        unit: "hour",
        unitDisplay: "short",
        notation: "compact",
        maximumSignificantDigits: 3,
      }),
  );
  const moneys = new Map();

  /** Amounts in `currency`: cents for sums, two significant digits for the tiny piece values. */
  function money(currency) {
    if (!moneys.has(currency)) {
      const small = new Intl.NumberFormat(locale, { style: "currency", currency, maximumSignificantDigits: 2 });
      const usual = new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      moneys.set(currency, (value) => (value !== 0 && Math.abs(value) < 0.1 ? small : usual).format(value));
    }
    return moneys.get(currency);
  }

  /** A duration in seconds, in the largest unit that reads well ("2.5 min", "1.2 h"). */
  function duration(seconds) {
    if (seconds < 60) return unit("second").format(seconds);
    if (seconds < 3600) return unit("minute").format(seconds / 60);
    return unit("hour").format(seconds / 3600);
  }

  /** The message `name` in the plural form `count` calls for, with `count` formatted first. */
  function plural(name, count, others = []) {
    const category = plurals().select(count);
    const text = message(`${name}_${category}`, [integer().format(count), ...others]);
    return text === `${name}_${category}` ? message(`${name}_other`, [integer().format(count), ...others]) : text;
  }

  const long = once(() => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }));
  const medium = once(() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }));
  const short = once(() => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }));
  const weekdayShort = once(
    () => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }),
  );

  return {
    locale,
    integer: (n) => integer().format(n),
    decimal: (n) => decimal().format(n),
    percent: (n) => percent().format(n),
    change: (n) => change().format(n),
    hours: (h) => unit("hour").format(h),
    /** A short label for an axis: "12.5K", "1.5K hr". */
    compact: (n) => compact().format(n),
    compactHours: (h) => compactHours().format(h),
    money,
    duration,
    plural,
    /** "28 November 2026". */
    longDate: (iso) => long().format(dateOf(iso)),
    /** "28 Nov 2026". */
    date: (iso) => medium().format(dateOf(iso)),
    /** "28 Nov", or with the year when `withYear`. */
    shortDate: (iso, withYear) => (withYear ? medium() : short()).format(dateOf(iso)),
    /** "Sat 28 Nov". */
    day: (iso) => weekdayShort().format(dateOf(iso)),
    /** "23–29 Nov 2026", as the language writes a span of days. */
    dateRange: (from, to) =>
      from === to ? medium().format(dateOf(from)) : medium().formatRange(dateOf(from), dateOf(to)),
    /** An instant (milliseconds): the time alone today, the day and time otherwise. */
    instant(ms, now = Date.now()) {
      const when = new Date(ms);
      const sameDay = new Date(now).toDateString() === when.toDateString();
      const options = sameDay
        ? { timeStyle: "short" }
        : { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" };
      return new Intl.DateTimeFormat(locale, options).format(when);
    },
  };
}
