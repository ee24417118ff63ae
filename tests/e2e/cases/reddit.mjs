import { platformCases, platformRecords, sent, typeInto } from "../case-builders.mjs";

// Reddit: votes on the current site (inside shreddit-post's open shadow root) and on old.reddit;
// comments from the post page's shreddit-composer, with their hashtags.
const FEED = "https://www.reddit.com/r/fixture/";
const POST_PAGE = "https://www.reddit.com/r/fixture/comments/fix1/";
const TRIGGER = 'comment-composer-host [data-testid="trigger-button"]';
const EDITOR = 'shreddit-composer [role="textbox"][contenteditable="true"]';
const SUBMIT = 'shreddit-composer button[slot="submit-button"]';
/** Steps: the comment composer opened and `text` typed into it. */
const composer = (text) => [{ click: TRIGGER }, ...typeInto(EDITOR, text)];
const UP = "shreddit-post#t3_fix1 >> button[upvote]";
const DOWN = "shreddit-post#t3_fix1 >> button[downvote]";
const OLD = "https://old.reddit.com/r/fixture/";

const reddit = platformCases("reddit");
const { post: comment, hashtags } = platformRecords("reddit");
const upvote = (count) => ({ platform: "reddit", kind: "reaction", detail: "upvote", count });
const downvote = (count) => ({ platform: "reddit", kind: "reaction", detail: "downvote", count });
const undownvote = (count) => ({ platform: "reddit", kind: "unreaction", detail: "downvote", count });

export default [
  {
    ...reddit.reaction("reddit: an upvote inside the post's shadow root", FEED),
    steps: [{ click: UP }],
    expect: [upvote(1)],
  },
  {
    ...reddit.unreaction("reddit: a downvote, then taken back", FEED),
    steps: [{ click: DOWN }, { click: DOWN }],
    expect: [downvote(1), undownvote(1)],
  },
  {
    ...reddit.reaction("old.reddit: an upvote", OLD),
    steps: [{ click: ".arrow.up" }],
    expect: [upvote(1)],
  },
  {
    ...reddit.negative("old.reddit: a page script's vote counts nothing", OLD),
    steps: [{ untrustedClick: ".arrow.down" }],
    expect: [],
  },
  {
    ...reddit.hashtag("reddit: a comment counts one post and each distinct hashtag, not #123", POST_PAGE),
    steps: [...composer("Same here #Modération #bénévolat, #modération and #123"), { click: SUBMIT }, sent],
    expect: [comment(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...reddit.post("reddit: a comment in French counts one post", `${POST_PAGE}?hl=fr`),
    steps: [...composer("Tout à fait d’accord"), { click: SUBMIT }, sent],
    expect: [comment(1)],
  },
  {
    ...reddit.negative("reddit: Comment with an empty editor counts nothing", POST_PAGE),
    steps: [{ click: TRIGGER }, { click: EDITOR }, { click: SUBMIT }, sent],
    expect: [],
  },
  {
    ...reddit.negative("reddit: a comment sent by the page's own script counts nothing", POST_PAGE),
    steps: [...composer("scripted #bot"), { untrustedClick: SUBMIT }, sent],
    expect: [],
  },
];
