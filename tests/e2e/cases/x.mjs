import { erase, platformCases, platformRecords, sent, settle, typeInto, typeTwoLines } from "../case-builders.mjs";

// X (x.com): likes by click and by the "l" shortcut, reposts only when confirmed, posts with
// their hashtags, uploads, and what must count nothing.
const HOME = "https://x.com/home";
const FIRST = '[data-testid="cellInnerDiv"]:nth-child(1)';
const LIKE = `${FIRST} [data-testid="like"], ${FIRST} [data-testid="unlike"]`;
const RETWEET = `${FIRST} [data-testid="retweet"]`;
const CONFIRM = '[data-testid="retweetConfirm"]';
const CANCEL = '[data-testid="menuCancel"]';
const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';

const x = platformCases("x");
const { like, unlike, repost, post, hashtags, upload } = platformRecords("x");

export default [
  {
    ...x.reaction("x: a like", HOME),
    steps: [{ click: LIKE }],
    expect: [like(1)],
  },
  {
    ...x.unreaction("x: like then unlike", HOME),
    steps: [{ click: LIKE }, { click: LIKE }],
    expect: [like(1), unlike(1)],
  },
  {
    ...x.unreaction("x: like, unlike, like again within ten minutes is one of each", HOME),
    steps: [{ click: LIKE }, { click: LIKE }, { click: LIKE }],
    expect: [like(1), unlike(1)],
  },
  {
    ...x.unreaction("x: like then unlike, the button held down a while each time", HOME),
    steps: [
      { click: LIKE, hold: 250 },
      { click: LIKE, hold: 250 },
    ],
    expect: [like(1), unlike(1)],
  },
  {
    ...x.reaction("x: a like with the button held down longer than the sensor waits for a click", HOME),
    steps: [{ click: LIKE, hold: 3300 }],
    expect: [like(1)],
  },
  {
    ...x.reaction("x: a like pressed from the keyboard (Enter on the focused button)", HOME),
    steps: [{ focus: LIKE }, { press: "Enter" }],
    expect: [like(1)],
  },
  {
    ...x.negative("x: the repost item pressed, then let go over Cancel, counts nothing", HOME),
    steps: [{ click: RETWEET }, { pressAndRelease: { down: CONFIRM, up: CANCEL } }, settle],
    expect: [],
  },
  {
    ...x.reaction("x: the l shortcut on the focused post likes it", `${HOME}?hl=fr`),
    steps: [{ focus: `${FIRST} article` }, { press: "l" }],
    expect: [like(1)],
  },
  {
    ...x.repost("x: a confirmed repost", HOME),
    steps: [{ click: RETWEET }, { click: CONFIRM }],
    expect: [repost(1)],
  },
  {
    ...x.negative("x: the repost menu opened then dismissed counts nothing", HOME),
    steps: [{ click: RETWEET }, { click: CANCEL }],
    expect: [],
  },
  {
    ...x.hashtag("x: a post with hashtags counts the post and each distinct tag", HOME),
    steps: [
      ...typeInto(EDITOR, "Le #travail du clic et le #DigitalLabour, #travail encore #123"),
      { click: POST },
      sent,
    ],
    expect: [hashtags(2), post(1)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...x.post("x: ctrl+enter posts too", HOME),
    steps: [...typeInto(EDITOR, "hello"), { press: "Control+Enter" }, sent],
    expect: [post(1)],
  },
  {
    ...x.negative("x: Enter alone in the composer starts a new line, not a post, even once the draft is erased", HOME),
    steps: [...typeInto(EDITOR, "thinking #draft"), { press: "Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...x.hashtag("x: a new line with Enter, then Post, counts one post with the hashtags of both lines", HOME),
    steps: [...typeTwoLines(EDITOR, "first #one", "Enter", "second #two"), { click: POST }, sent],
    expect: [hashtags(2), post(1)],
  },
  {
    ...x.upload("x: two images and a video uploaded", HOME),
    steps: [
      {
        upload: {
          selector: '[data-testid="fileInput"]',
          files: [
            { name: "a.png", mimeType: "image/png" },
            { name: "b.jpg", mimeType: "image/jpeg" },
            { name: "c.mp4", mimeType: "video/mp4" },
          ],
        },
      },
    ],
    expect: [upload("image", 2), upload("video", 1)],
  },
  {
    ...x.upload("x: an image and a video dropped on the composer", HOME),
    steps: [{ trustedDrop: { selector: EDITOR, files: [{ name: "photo.jpg" }, { name: "clip.mp4" }] } }],
    expect: [upload("image", 1), upload("video", 1)],
  },
  {
    ...x.upload("x: an image pasted into the composer", HOME),
    steps: [{ pasteImage: EDITOR }],
    expect: [upload("image", 1)],
  },
  {
    ...x.upload("x: a paste of a file made by the page's own script counts nothing", HOME),
    steps: [{ untrustedPaste: EDITOR }],
    expect: [],
  },
  {
    ...x.reaction("x: a post that arrived by infinite scroll", `${HOME}?posts=20`),
    steps: [
      { scrollToEnd: true },
      { waitFor: '[data-testid="cellInnerDiv"]:nth-child(23)' },
      { click: '[data-testid="cellInnerDiv"]:nth-child(23) [data-testid="like"]' },
    ],
    expect: [like(1)],
  },
  {
    ...x.reaction("x: a like after client-side navigation", HOME),
    steps: [{ click: `${FIRST} a[href="/fixture_user"]` }, { waitFor: "#text-1850000000000000999" }, { click: LIKE }],
    expect: [like(1)],
  },
  {
    ...x.negative("x: a page script's like, post and file drop count nothing", HOME),
    steps: [
      { untrustedClick: LIKE },
      { untrustedClick: RETWEET },
      { untrustedClick: CONFIRM },
      { drop: { selector: EDITOR, files: [{ name: "a.png", mimeType: "image/png" }] } },
    ],
    expect: [],
  },
  {
    ...x.negative("x: nothing counts when logged out", `${HOME}?logged-out`),
    steps: [{ click: LIKE }],
    expect: [],
  },
];
