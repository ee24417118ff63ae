// Figures on the classroom pages (the workshop and the class page), in the page's language:
// durations as a clock reads them ("2 min 30 s") and amounts of money with the precision their
// size calls for. Each takes the page's current locale, which a page's language switch changes.

/** A duration in seconds, in whole seconds, minutes and hours: "45 s", "2 min 30 s", "1 h 5 min". */
export function clockDuration(locale, seconds) {
  const unit = (value, name) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return unit(s, "second");
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${unit(minutes, "minute")} ${unit(s % 60, "second")}` : unit(minutes, "minute");
  return `${unit(Math.floor(minutes / 60), "hour")} ${unit(minutes % 60, "minute")}`;
}

/** Cents for everyday amounts (a wage of 12.02), three figures for large ones, two for fractions
 *  of a cent. */
export function moneyAmount(locale, amount, currency) {
  const precision =
    amount >= 1000 || amount === 0
      ? { maximumSignificantDigits: 3 }
      : amount >= 1
        ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
        : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(locale, { style: "currency", currency, ...precision }).format(amount);
}

/** A low / central / high range of amounts, as the page's `rangeFormat` message writes it. */
export const moneyRange = (locale, message, range, currency) =>
  message("rangeFormat", [
    moneyAmount(locale, range.central, currency),
    moneyAmount(locale, range.low, currency),
    moneyAmount(locale, range.high, currency),
  ]);
