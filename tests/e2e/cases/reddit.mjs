// Reddit: votes on the current site (inside shreddit-post's open shadow root) and on old.reddit;
// comments from the post page's shreddit-composer, with their hashtags.
const FEED = "https://www.reddit.com/r/fixture/";
const POST_PAGE = "https://www.reddit.com/r/fixture/comments/fix1/";
const TRIGGER = 'comment-composer-host [data-testid="trigger-button"]';
const EDITOR = 'shreddit-composer [role="textbox"][contenteditable="true"]';
const SUBMIT = 'shreddit-composer button[slot="submit-button"]';
const comment = (count) => ({ platform: "reddit", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "reddit", kind: "hashtag", count });
const sent = { wait: 400 };
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
  {
    name: "reddit: a comment counts one post and each distinct hashtag, not #123",
    platform: "reddit",
    kind: "hashtag",
    url: POST_PAGE,
    steps: [
      { click: TRIGGER },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Same here #Modération #bénévolat, #modération and #123" } },
      { click: SUBMIT },
      sent,
    ],
    expect: [comment(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "reddit: a comment in French counts one post",
    platform: "reddit",
    kind: "post",
    url: `${POST_PAGE}?hl=fr`,
    steps: [
      { click: TRIGGER },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Tout à fait d’accord" } },
      { click: SUBMIT },
      sent,
    ],
    expect: [comment(1)],
  },
  {
    name: "reddit: Comment with an empty editor counts nothing",
    platform: "reddit",
    kind: "negative",
    url: POST_PAGE,
    steps: [{ click: TRIGGER }, { click: EDITOR }, { click: SUBMIT }, sent],
    expect: [],
  },
  {
    name: "reddit: a comment sent by the page's own script counts nothing",
    platform: "reddit",
    kind: "negative",
    url: POST_PAGE,
    steps: [
      { click: TRIGGER },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "scripted #bot" } },
      { untrustedClick: SUBMIT },
      sent,
    ],
    expect: [],
  },
];
