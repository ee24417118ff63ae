import { erase, platformCases, platformRecords, sent, settle, typeInto, typeTwoLines } from "../case-builders.mjs";

// Instagram: the heart's state is the aria-label of the svg that the page replaces on each click
// (fixture tests/fixtures/instagram/). Post 1 starts not liked, post 2 liked. The comment form
// under each post counts a post and its hashtags, sent with Post or with Enter (Shift+Enter only
// starts a new line; Enter on a hashtag or mention suggestion only picks it). Files chosen or
// dropped in the Create dialog count as uploads.

const FEED = "https://www.instagram.com/";
const heart = (post, label) =>
  `article:nth-of-type(${post}) section [role="button"]:has(> div > svg[aria-label="${label}"])`;
const commentBox = (post) => `article:nth-of-type(${post}) form textarea`;
const postButton = (post) => `article:nth-of-type(${post}) form [role="button"]:not(:has(svg))`;
const create = (label) => `a:has(svg[aria-label="${label}"])`;
const CREATE_INPUT = '[role="dialog"] form[enctype="multipart/form-data"] input[type="file"]';
const CREATE_DIALOG = '[role="dialog"]';
const commentShown = (post) => `article:nth-of-type(${post}) .xcomment`;
// The highlighted match in the suggestion list over a comment box.
const suggested = (post, tag) =>
  `article:nth-of-type(${post}) [role="listbox"] [role="option"][aria-selected="true"]:has-text("${tag}")`;

const instagram = platformCases("instagram");
const { like, unlike, post: comment, hashtags, upload } = platformRecords("instagram");

export default [
  {
    ...instagram.reaction("instagram: liking a post counts one like", FEED),
    steps: [{ click: heart(1, "Like") }, settle],
    expect: [like(1)],
  },
  {
    ...instagram.unreaction("instagram: like then unlike counts one like and one unlike", FEED),
    steps: [{ click: heart(1, "Like") }, { click: heart(1, "Unlike") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...instagram.unreaction("instagram: unliking a post liked earlier counts one unlike", FEED),
    steps: [{ click: heart(2, "Unlike") }, settle],
    expect: [unlike(1)],
  },
  {
    ...instagram.reaction("instagram: liking two posts counts two likes", FEED),
    steps: [{ click: heart(1, "Like") }, { click: heart(2, "Unlike") }, { click: heart(2, "Like") }, settle],
    expect: [like(2), unlike(1)],
  },
  {
    ...instagram.reaction("instagram: liking in French (J’aime) counts one like", `${FEED}?hl=fr`),
    steps: [{ click: heart(1, "J’aime") }, settle],
    expect: [like(1)],
  },
  {
    ...instagram.unreaction(
      "instagram: like then unlike in French (Je n’aime plus) counts one of each",
      `${FEED}?hl=fr`,
    ),
    steps: [{ click: heart(1, "J’aime") }, { click: heart(1, "Je n’aime plus") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...instagram.negative("instagram: a like made by the page's own script counts nothing", FEED),
    steps: [{ untrustedClick: heart(1, "Like") }, settle],
    expect: [],
  },
  {
    ...instagram.negative("instagram: the Save (bookmark) button is not a like", FEED),
    steps: [{ click: 'article:nth-of-type(1) section [role="button"]:has(> div > svg[aria-label="Save"])' }, settle],
    expect: [],
  },
  {
    ...instagram.hashtag("instagram: a comment counts one post and each distinct hashtag, not #123", FEED),
    steps: [...typeInto(commentBox(1), "Magnifique 😍 #plage #été #Plage #123"), { click: postButton(1) }, sent],
    expect: [comment(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...instagram.post("instagram: a comment with French labels (Publier) counts one post", `${FEED}?hl=fr`),
    steps: [...typeInto(commentBox(2), "Superbe vue"), { click: postButton(2) }, sent],
    expect: [comment(1)],
  },
  {
    ...instagram.negative("instagram: Post with an empty comment box counts nothing", FEED),
    steps: [{ click: commentBox(1) }, { click: postButton(1) }, sent],
    expect: [],
  },
  {
    ...instagram.post("instagram: the emoji button in the comment form is not a second submit", FEED),
    steps: [
      ...typeInto(commentBox(1), "Nice"),
      { click: 'article:nth-of-type(1) form [role="button"]:has(svg[aria-label="Emoji"])' },
      { click: postButton(1) },
      sent,
    ],
    expect: [comment(1)],
  },
  {
    ...instagram.hashtag("instagram: a comment sent with Enter counts one post and its hashtag", FEED),
    steps: [
      ...typeInto(commentBox(1), "Trop beau #coucherdesoleil"),
      { press: "Enter" },
      { waitFor: commentShown(1) },
      sent,
    ],
    expect: [comment(1), hashtags(1)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...instagram.negative(
      "instagram: Shift+Enter starts a new line and sends nothing, even once the box is erased",
      FEED,
    ),
    steps: [...typeInto(commentBox(1), "Hmm #maybe"), { press: "Shift+Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...instagram.hashtag(
      "instagram: two lines joined with Shift+Enter, then Enter, count one post with the hashtags of both",
      `${FEED}?hl=fr`,
    ),
    steps: [
      ...typeTwoLines(commentBox(2), "Au sommet #montagne", "Shift+Enter", "quelle montée #rando"),
      { press: "Enter" },
      { waitFor: commentShown(2) },
      sent,
    ],
    expect: [comment(1), hashtags(2)],
  },
  {
    // The Enter that picks a suggestion reaches the sensor as any Enter does; the post counts
    // once, when the box empties, with the text as last sent.
    ...instagram.hashtag(
      "instagram: Enter on a hashtag suggestion picks it and sends nothing, the next Enter sends: one post, one hashtag",
      FEED,
    ),
    steps: [
      ...typeInto(commentBox(1), "Ce soir #sun"),
      { waitFor: suggested(1, "#sunset") },
      { press: "Enter" },
      { type: { selector: commentBox(1), text: "encore" } },
      { press: "Enter" },
      { waitFor: `${commentShown(1)}:has-text("Ce soir #sunset encore")` },
      sent,
    ],
    expect: [comment(1), hashtags(1)],
  },
  {
    // A suggestion picked with Enter, then the whole comment erased: the box empties, but not
    // because anything was sent.
    ...instagram.negative("instagram: Enter on a hashtag suggestion, then the comment erased, counts nothing", FEED),
    steps: [
      ...typeInto(commentBox(1), "Ce soir #sun"),
      { waitFor: suggested(1, "#sunset") },
      { press: "Enter" },
      ...erase,
      sent,
    ],
    expect: [],
  },
  {
    ...instagram.post("instagram: Enter on a mention suggestion, then Post, counts one post", `${FEED}?hl=fr`),
    steps: [
      ...typeInto(commentBox(2), "Bravo @bo"),
      { waitFor: suggested(2, "@bob.fixture") },
      { press: "Enter" },
      { click: postButton(2) },
      { waitFor: `${commentShown(2)}:has-text("Bravo @bob.fixture")` },
      sent,
    ],
    expect: [comment(1)],
  },
  {
    ...instagram.upload(
      "instagram Create: a photo and a video chosen with Select from computer count as uploads",
      FEED,
    ),
    steps: [
      { click: create("New post") },
      { upload: { selector: CREATE_INPUT, files: [{ name: "beach.jpg" }, { name: "waves.mp4" }] } },
      settle,
    ],
    expect: [upload("image", 1), upload("video", 1)],
  },
  {
    ...instagram.upload("instagram Create: two photos dropped on the dialog count two image uploads", `${FEED}?hl=fr`),
    steps: [
      { click: create("Nouvelle publication") },
      { trustedDrop: { selector: CREATE_DIALOG, files: [{ name: "one.jpg" }, { name: "two.png" }] } },
      settle,
    ],
    expect: [upload("image", 2)],
  },
  {
    ...instagram.negative("instagram Create: files dropped by the page's own script count nothing", FEED),
    steps: [
      { click: create("New post") },
      {
        drop: {
          selector: CREATE_DIALOG,
          files: [
            { name: "one.jpg", mimeType: "image/jpeg" },
            { name: "clip.mp4", mimeType: "video/mp4" },
          ],
        },
      },
      settle,
    ],
    expect: [],
  },
  {
    ...instagram.negative("instagram: a like and a photo chosen while logged out count nothing", `${FEED}?logged-out`),
    steps: [
      { click: heart(1, "Like") },
      { click: create("New post") },
      { upload: { selector: CREATE_INPUT, files: [{ name: "beach.jpg" }] } },
      settle,
    ],
    expect: [],
  },
];
