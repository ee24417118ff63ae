// The dashboard's three charts. The core draws them as SVG text (src/charts.rs) with shapes,
// numbers and dates only; here they are parsed as SVG (never as HTML), their words filled in the
// page's language, their dates and numbers formatted for it, and each gets a name, a legend and a
// table that says the same without colours or shapes.

import { KINDS } from "../lib/names.js";
import { translate } from "./i18n.js";

/** Beyond this many days, the core draws one bar per week (src/charts.rs `buckets`). */
const DAILY_LIMIT = 92;

const SVG = "http://www.w3.org/2000/svg";

/** Removes from the parsed `svg` anything that could run or load something: shapes and text only. */
function keepShapesOnly(svg) {
  for (const element of svg.querySelectorAll("script, foreignObject, image, use, a, style")) element.remove();
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const name of element.getAttributeNames()) if (/^on|href$/i.test(name)) element.removeAttribute(name);
  }
}

/** The core's dates ("2026-11-28") and numbers (`data-value`: "40", "0.25") in the page's
 *  language; `value` formats a number of this chart. */
function localizeText(svg, fmt, withYear, value) {
  for (const text of svg.querySelectorAll("text.tick")) {
    const number = text.getAttribute("data-value");
    if (number !== null) {
      if (number !== "" && Number.isFinite(Number(number))) text.textContent = value(Number(number));
      continue;
    }
    const content = text.textContent.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(content)) text.textContent = fmt.shortDate(content, withYear);
  }
}

/** The charts' SVG texts as nodes of this document, in order; each null if it is not one <svg>
 *  element. Each is read by the HTML parser into an inert document (nothing in it loads or runs)
 *  and cleaned before it is moved into the page; the XML parser took twice as long. */
export function parseSvgs(texts) {
  const parser = new DOMParser();
  return texts.map((text) => {
    const { body } = parser.parseFromString(text, "text/html");
    const svg = body.childElementCount === 1 ? body.firstElementChild : null;
    if (svg?.namespaceURI !== SVG || svg.localName !== "svg") return null;
    keepShapesOnly(svg);
    return document.adoptNode(svg);
  });
}

/** Puts the chart `svg` (parsed, or null) into `box`, named `label`; false if there is none. */
function place(box, svg, label, { fmt, message, withYear, value }) {
  if (!svg) {
    box.replaceChildren();
    return false;
  }
  translate(svg, message);
  localizeText(svg, fmt, withYear, value);
  // The bars' tooltips ("2026-11-28: 12") in words.
  for (const title of svg.querySelectorAll("title")) {
    const match = title.textContent.match(/^(\d{4}-\d{2}-\d{2}): (\d+)$/);
    if (match) title.textContent = `${fmt.date(match[1])}: ${fmt.plural("countActions", Number(match[2]))}`;
  }
  svg.setAttribute("aria-label", label);
  svg.setAttribute("focusable", "false");
  box.replaceChildren(svg);
  markScrollable(box);
  return true;
}

/** Boxes in a section that is not rendered now (content-visibility: auto, away from the window),
 *  to be measured when it is: measuring them sooner would lay that section out for nothing. */
const unrendered = new Set();
document.addEventListener(
  "contentvisibilityautostatechange",
  (event) => {
    if (event.skipped) return;
    for (const box of unrendered) {
      if (event.target.contains(box)) {
        unrendered.delete(box);
        markNow(box);
      }
    }
  },
  true,
);

/** A box that scrolls sideways (a wide chart or table on a narrow screen) can be reached with
 *  the keyboard to scroll it; one that does not scroll is not a stop on the way. */
function markNow(box) {
  if (box.checkVisibility?.() && !box.checkVisibility({ contentVisibilityAuto: true })) {
    unrendered.add(box);
    return;
  }
  if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) box.tabIndex = 0;
  else box.removeAttribute("tabindex");
}
// Measuring forces the browser to lay the page out: boxes are measured together, once, in the
// next frame, rather than each time one is filled.
const toMark = new Set();
export function markScrollable(box) {
  if (toMark.size === 0) {
    requestAnimationFrame(() => {
      toMark.forEach(markNow);
      toMark.clear();
    });
  }
  toMark.add(box);
}
const resized = new ResizeObserver((entries) => {
  for (const { target } of entries) markNow(target);
});
/** Keeps `box` marked as it is resized. */
export function watchScroll(box) {
  resized.observe(box);
}

/** The days of the daily series grouped as the chart groups them: by day, or by week counted
 *  back from the last day, so that the last week is whole and a shorter one comes first. */
export function groups(daily) {
  const size = daily.length > DAILY_LIMIT ? 7 : 1;
  const out = [];
  for (let index = 0, end = daily.length % size || size; index < daily.length; index = end, end += size) {
    const chunk = daily.slice(index, end);
    const counts = KINDS.map((_, k) => chunk.reduce((sum, day) => sum + day.counts[k], 0));
    out.push({
      from: chunk[0].date,
      to: chunk[chunk.length - 1].date,
      counts,
      total: counts.reduce((a, b) => a + b, 0),
      seconds: chunk.reduce((sum, day) => sum + day.seconds, 0),
    });
  }
  return { weekly: size === 7, groups: out };
}

function element(name, text, className) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A table: a caption, a header row and rows whose first cell is their header. */
function fillTable(table, caption, headers, rows, numeric) {
  const head = element("thead");
  const headRow = head.insertRow();
  headers.forEach((text, index) => {
    const th = element("th", text, index > 0 && numeric ? "number" : undefined);
    th.scope = "col";
    headRow.append(th);
  });
  const body = element("tbody");
  for (const cells of rows) {
    const row = body.insertRow();
    cells.forEach((text, index) => {
      if (index === 0) {
        const th = element("th", text);
        th.scope = "row";
        row.append(th);
      } else {
        row.append(element("td", text, numeric ? "number" : undefined));
      }
    });
  }
  table.replaceChildren(element("caption", caption, "visually-hidden"), head, body);
  const box = table.closest(".scroll");
  if (box) markScrollable(box);
}

/** Builds a figure's table when its <details> is open (now or later), not before: a year of
 *  days makes a long table that most people never open. */
const builders = new WeakMap();
function alternative(details, build) {
  if (!details.dataset.wired) {
    details.dataset.wired = "1";
    details.addEventListener("toggle", () => {
      const pending = builders.get(details);
      if (details.open && pending) {
        builders.delete(details);
        pending();
      }
    });
  }
  if (details.open) {
    builders.delete(details);
    build();
  } else {
    builders.set(details, build);
  }
}

/** How a group is named in words: its day, or the days of its week (the last may be shorter). */
function groupName(group, weekly, fmt) {
  return weekly ? fmt.dateRange(group.from, group.to) : fmt.day(group.from);
}

/**
 * Shows the three charts of `overview`. `context` has the formats (`fmt`), `message`, and the
 * point of ranges put forward.
 */
export function showCharts(overview, context) {
  const { fmt, message } = context;
  const { daily, charts, summary } = overview;
  const withYear = overview.from.slice(0, 4) !== overview.to.slice(0, 4);
  const { weekly, groups: grouped } = groups(daily);
  const [dailySvg, platformsSvg, cumulativeSvg] = parseSvgs([charts.daily, charts.platforms, charts.cumulative]);
  const present = KINDS.map((kind, index) => ({ kind, index })).filter(({ index }) =>
    daily.some((day) => day.counts[index] > 0),
  );

  // Actions per day (or week), stacked by kind.
  const dailyFigure = document.getElementById("chart-daily");
  const dailyCaption = message(weekly ? "chartWeeklyCaption" : "chartDailyCaption");
  dailyFigure.querySelector("figcaption").textContent = dailyCaption;
  const busiest = grouped.reduce((best, group) => (group.total > (best?.total ?? 0) ? group : best), null);
  const dailyLabel = [
    `${dailyCaption}.`,
    message("chartPeriodTotal", [
      fmt.plural("countActions", summary.total.count),
      fmt.dateRange(overview.from, overview.to),
    ]),
    busiest
      ? message("chartBusiest", [groupName(busiest, weekly, fmt), fmt.plural("countActions", busiest.total)])
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  const count = (value) => (value < 10_000 ? fmt.integer(value) : fmt.compact(value));
  place(dailyFigure.querySelector(".chart-box"), dailySvg, dailyLabel, { fmt, message, withYear, value: count });
  const legend = dailyFigure.querySelector(".legend");
  legend.replaceChildren(
    ...present.map(({ kind }) => {
      const item = element("li");
      const swatch = element("span", undefined, `swatch kind-${kind}`);
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, message(`kind_${kind}`));
      return item;
    }),
  );
  alternative(dailyFigure.querySelector("details"), () => {
    fillTable(
      dailyFigure.querySelector("table"),
      dailyCaption,
      [
        message(weekly ? "weekColumn" : "dayColumn"),
        ...present.map(({ kind }) => message(`kind_${kind}`)),
        message("totalColumn"),
        message("timeColumn"),
      ],
      grouped.map((group) => [
        groupName(group, weekly, fmt),
        ...present.map(({ index }) => fmt.integer(group.counts[index])),
        fmt.integer(group.total),
        fmt.duration(group.seconds),
      ]),
      true,
    );
  });

  // Actions per platform.
  const platformFigure = document.getElementById("chart-platforms");
  const perPlatform = new Map();
  for (const row of summary.rows)
    perPlatform.set(row.platform, (perPlatform.get(row.platform) ?? 0) + row.estimate.count);
  const platforms = [...perPlatform].sort((a, b) => b[1] - a[1]);
  const platformCaption = message("chartPlatformsCaption");
  const platformLabel = [
    platformCaption,
    platforms.map(([platform, count]) => `${message(`platform_${platform}`)}: ${fmt.integer(count)}`).join(", "),
  ].join(". ");
  place(platformFigure.querySelector(".chart-box"), platformsSvg, platformLabel, {
    fmt,
    message,
    withYear,
    value: fmt.integer,
  });
  alternative(platformFigure.querySelector("details"), () => {
    const total = summary.total.count || 1;
    fillTable(
      platformFigure.querySelector("table"),
      platformCaption,
      [message("platformColumn"), message("countColumn"), message("shareColumn")],
      platforms.map(([platform, count]) => [
        message(`platform_${platform}`),
        fmt.integer(count),
        fmt.percent(count / total),
      ]),
      true,
    );
  });

  // Hours adding up over the period.
  const cumulativeFigure = document.getElementById("chart-cumulative");
  const cumulativeCaption = message("chartCumulativeCaption");
  const totalSeconds = daily.reduce((sum, day) => sum + day.seconds, 0);
  const cumulativeLabel = [
    cumulativeCaption,
    message("chartCumulativeTotal", [fmt.duration(totalSeconds), fmt.date(overview.to)]),
  ].join(". ");
  // The axis is in hours.
  const hours = (value) =>
    value === 0 ? fmt.integer(0) : value < 1000 ? fmt.duration(value * 3600) : fmt.compactHours(value);
  place(cumulativeFigure.querySelector(".chart-box"), cumulativeSvg, cumulativeLabel, {
    fmt,
    message,
    withYear,
    value: hours,
  });
  alternative(cumulativeFigure.querySelector("details"), () => {
    let running = 0;
    fillTable(
      cumulativeFigure.querySelector("table"),
      cumulativeCaption,
      [message(weekly ? "weekColumn" : "dayColumn"), message("timeColumn"), message("runningColumn")],
      grouped.map((group) => {
        running += group.seconds;
        return [groupName(group, weekly, fmt), fmt.duration(group.seconds), fmt.duration(running)];
      }),
      true,
    );
  });
}
