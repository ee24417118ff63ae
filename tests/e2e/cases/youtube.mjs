// YouTube beyond the walking skeleton: Shorts' older markup, comments with hashtags, reports,
// logged-out pages and the same markup on another site.
const WATCH = "https://www.youtube.com/watch?v=cases";
const COMMENT_BOX = "#contenteditable-root";

export default [
  {
    name: "youtube: a dislike on a Short (2022 markup)",
    platform: "youtube",
    kind: "reaction",
    url: "https://www.youtube.com/shorts",
    steps: [{ click: "#dislike-button #button" }],
    expect: [{ platform: "youtube", kind: "reaction", detail: "dislike", count: 1 }],
  },
  {
    name: "youtube: like then dislike in the 2023 markup",
    platform: "youtube",
    kind: "reaction",
    url: "https://www.youtube.com/watch-2023?v=cases",
    steps: [{ click: "#segmented-like-button button" }, { click: "#segmented-dislike-button button" }, { wait: 300 }],
    expect: [
      { platform: "youtube", kind: "reaction", detail: "dislike", count: 1 },
      { platform: "youtube", kind: "reaction", detail: "like", count: 1 },
    ],
  },
  {
    name: "youtube: a comment with a French and a Japanese hashtag",
    platform: "youtube",
    kind: "hashtag",
    url: `${WATCH}&hl=fr`,
    steps: [
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "Merci ! #économie #日本語 &#39; #42" } },
      { click: "#submit-button button" },
      { wait: 400 },
    ],
    expect: [
      { platform: "youtube", kind: "hashtag", count: 2 },
      { platform: "youtube", kind: "post", detail: "post", count: 1 },
    ],
  },
  {
    name: "youtube: a report submitted",
    platform: "youtube",
    kind: "report",
    url: WATCH,
    steps: [{ click: "#more-actions" }, { click: "yt-report-form-modal-renderer #submit-button button" }],
    expect: [{ platform: "youtube", kind: "report", detail: "report", count: 1 }],
  },
  {
    name: "youtube: a report form opened then cancelled counts nothing",
    platform: "youtube",
    kind: "negative",
    url: WATCH,
    steps: [{ click: "#more-actions" }, { click: "yt-report-form-modal-renderer #cancel-button button" }],
    expect: [],
  },
  {
    name: "youtube: nothing counts when logged out",
    platform: "youtube",
    kind: "negative",
    url: `${WATCH}&logged-out`,
    steps: [{ click: "like-button-view-model button" }],
    expect: [],
  },
  {
    name: "youtube markup on a non-platform site counts nothing",
    platform: "other site",
    kind: "negative",
    url: "https://www.example.org/watch?v=cases",
    steps: [
      { click: "like-button-view-model button" },
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "#nope" } },
      { click: "#submit-button button" },
      { click: "#more-actions" },
      { click: "yt-report-form-modal-renderer #submit-button button" },
    ],
    expect: [],
  },
];
