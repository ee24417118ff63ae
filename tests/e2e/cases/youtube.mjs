import { platformCases, platformRecords, sent, settle, typeInto } from "../case-builders.mjs";

// YouTube beyond the walking skeleton: Shorts' older markup, comments with hashtags, reports,
// logged-out pages and the same markup on another site.
const WATCH = "https://www.youtube.com/watch?v=cases";
const COMMENT_BOX = "#contenteditable-root";
const SUBMIT_REPORT = "yt-report-form-modal-renderer #submit-button button";
const CANCEL_REPORT = "yt-report-form-modal-renderer #cancel-button button";

const youtube = platformCases("youtube");
const otherSite = platformCases("other site");
const { like, post, hashtags, report } = platformRecords("youtube");
const dislike = (count) => ({ platform: "youtube", kind: "reaction", detail: "dislike", count });

export default [
  {
    ...youtube.reaction("youtube: a dislike on a Short (2022 markup)", "https://www.youtube.com/shorts"),
    steps: [{ click: "#dislike-button #button" }],
    expect: [dislike(1)],
  },
  {
    ...youtube.reaction("youtube: like then dislike in the 2023 markup", "https://www.youtube.com/watch-2023?v=cases"),
    steps: [{ click: "#segmented-like-button button" }, { click: "#segmented-dislike-button button" }, settle],
    expect: [dislike(1), like(1)],
  },
  {
    ...youtube.hashtag("youtube: a comment with a French and a Japanese hashtag", `${WATCH}&hl=fr`),
    steps: [...typeInto(COMMENT_BOX, "Merci ! #économie #日本語 &#39; #42"), { click: "#submit-button button" }, sent],
    expect: [hashtags(2), post(1)],
  },
  {
    ...youtube.report("youtube: a report submitted", WATCH),
    steps: [{ click: "#more-actions" }, { click: SUBMIT_REPORT }],
    expect: [report(1)],
  },
  {
    ...youtube.negative("youtube: a report form opened then cancelled counts nothing", WATCH),
    steps: [{ click: "#more-actions" }, { click: CANCEL_REPORT }],
    expect: [],
  },
  {
    ...youtube.negative("youtube: nothing counts when logged out", `${WATCH}&logged-out`),
    steps: [{ click: "like-button-view-model button" }],
    expect: [],
  },
  {
    ...otherSite.negative(
      "youtube markup on a non-platform site counts nothing",
      "https://www.example.org/watch?v=cases",
    ),
    steps: [
      { click: "like-button-view-model button" },
      ...typeInto(COMMENT_BOX, "#nope"),
      { click: "#submit-button button" },
      { click: "#more-actions" },
      { click: SUBMIT_REPORT },
    ],
    expect: [],
  },
];
