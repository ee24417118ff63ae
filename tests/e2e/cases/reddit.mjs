// Reddit: votes on the current site (inside shreddit-post's open shadow root) and on old.reddit.
const FEED = "https://www.reddit.com/r/fixture/";
const UP = "shreddit-post#t3_fix1 >> button[upvote]";
const DOWN = "shreddit-post#t3_fix1 >> button[downvote]";
const OLD = "https://old.reddit.com/r/fixture/";

export default [
  {
    name: "reddit: an upvote inside the post's shadow root",
    platform: "reddit",
    kind: "reaction",
    url: FEED,
    steps: [{ click: UP }],
    expect: [{ platform: "reddit", kind: "reaction", detail: "upvote", count: 1 }],
  },
  {
    name: "reddit: a downvote, then taken back",
    platform: "reddit",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: DOWN }, { click: DOWN }],
    expect: [
      { platform: "reddit", kind: "reaction", detail: "downvote", count: 1 },
      { platform: "reddit", kind: "unreaction", detail: "downvote", count: 1 },
    ],
  },
  {
    name: "old.reddit: an upvote",
    platform: "reddit",
    kind: "reaction",
    url: OLD,
    steps: [{ click: ".arrow.up" }],
    expect: [{ platform: "reddit", kind: "reaction", detail: "upvote", count: 1 }],
  },
  {
    name: "old.reddit: a page script's vote counts nothing",
    platform: "reddit",
    kind: "negative",
    url: OLD,
    steps: [{ untrustedClick: ".arrow.down" }],
    expect: [],
  },
];
