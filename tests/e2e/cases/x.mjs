// X (x.com): likes by click and by the "l" shortcut, reposts only when confirmed, posts with
// their hashtags, uploads, and what must count nothing.
const HOME = "https://x.com/home";
const FIRST = '[data-testid="cellInnerDiv"]:nth-child(1)';
const LIKE = `${FIRST} [data-testid="like"], ${FIRST} [data-testid="unlike"]`;
const RETWEET = `${FIRST} [data-testid="retweet"]`;
const EDITOR = '[data-testid="tweetTextarea_0"]';
// Erases what the composer holds, as a person would: had the sensor taken the key before for a
// send, the composer clearing now would make it count.
const erase = [{ press: "ControlOrMeta+A" }, { press: "Backspace" }];

export default [
  {
    name: "x: a like",
    platform: "x",
    kind: "reaction",
    url: HOME,
    steps: [{ click: LIKE }],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: like then unlike",
    platform: "x",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: LIKE }, { click: LIKE }],
    expect: [
      { platform: "x", kind: "reaction", detail: "like", count: 1 },
      { platform: "x", kind: "unreaction", detail: "like", count: 1 },
    ],
  },
  {
    name: "x: like, unlike, like again within ten minutes is one of each",
    platform: "x",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: LIKE }, { click: LIKE }, { click: LIKE }],
    expect: [
      { platform: "x", kind: "reaction", detail: "like", count: 1 },
      { platform: "x", kind: "unreaction", detail: "like", count: 1 },
    ],
  },
  {
    name: "x: like then unlike, the button held down a while each time",
    platform: "x",
    kind: "unreaction",
    url: HOME,
    steps: [
      { click: LIKE, hold: 250 },
      { click: LIKE, hold: 250 },
    ],
    expect: [
      { platform: "x", kind: "reaction", detail: "like", count: 1 },
      { platform: "x", kind: "unreaction", detail: "like", count: 1 },
    ],
  },
  {
    name: "x: a like with the button held down longer than the sensor waits for a click",
    platform: "x",
    kind: "reaction",
    url: HOME,
    steps: [{ click: LIKE, hold: 3300 }],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: a like pressed from the keyboard (Enter on the focused button)",
    platform: "x",
    kind: "reaction",
    url: HOME,
    steps: [{ focus: LIKE }, { press: "Enter" }],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: the repost item pressed, then let go over Cancel, counts nothing",
    platform: "x",
    kind: "negative",
    url: HOME,
    steps: [
      { click: RETWEET },
      { pressAndRelease: { down: '[data-testid="retweetConfirm"]', up: '[data-testid="menuCancel"]' } },
      { wait: 300 },
    ],
    expect: [],
  },
  {
    name: "x: the l shortcut on the focused post likes it",
    platform: "x",
    kind: "reaction",
    url: `${HOME}?hl=fr`,
    steps: [{ focus: `${FIRST} article` }, { press: "l" }],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: a confirmed repost",
    platform: "x",
    kind: "repost",
    url: HOME,
    steps: [{ click: RETWEET }, { click: '[data-testid="retweetConfirm"]' }],
    expect: [{ platform: "x", kind: "repost", detail: "repost", count: 1 }],
  },
  {
    name: "x: the repost menu opened then dismissed counts nothing",
    platform: "x",
    kind: "negative",
    url: HOME,
    steps: [{ click: RETWEET }, { click: '[data-testid="menuCancel"]' }],
    expect: [],
  },
  {
    name: "x: a post with hashtags counts the post and each distinct tag",
    platform: "x",
    kind: "hashtag",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Le #travail du clic et le #DigitalLabour, #travail encore #123" } },
      { click: '[data-testid="tweetButtonInline"]' },
      { wait: 400 },
    ],
    expect: [
      { platform: "x", kind: "hashtag", count: 2 },
      { platform: "x", kind: "post", detail: "post", count: 1 },
    ],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "x: ctrl+enter posts too",
    platform: "x",
    kind: "post",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "hello" } },
      { press: "Control+Enter" },
      { wait: 400 },
    ],
    expect: [{ platform: "x", kind: "post", detail: "post", count: 1 }],
  },
  {
    name: "x: Enter alone in the composer starts a new line, not a post, even once the draft is erased",
    platform: "x",
    kind: "negative",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "thinking #draft" } },
      { press: "Enter" },
      { wait: 400 },
      ...erase,
      { wait: 400 },
    ],
    expect: [],
  },
  {
    name: "x: a new line with Enter, then Post, counts one post with the hashtags of both lines",
    platform: "x",
    kind: "hashtag",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "first #one" } },
      { press: "Enter" },
      { type: { selector: EDITOR, text: "second #two" } },
      { click: '[data-testid="tweetButtonInline"]' },
      { wait: 400 },
    ],
    expect: [
      { platform: "x", kind: "hashtag", count: 2 },
      { platform: "x", kind: "post", detail: "post", count: 1 },
    ],
  },
  {
    name: "x: two images and a video uploaded",
    platform: "x",
    kind: "upload",
    url: HOME,
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
    expect: [
      { platform: "x", kind: "upload", detail: "image", count: 2 },
      { platform: "x", kind: "upload", detail: "video", count: 1 },
    ],
  },
  {
    name: "x: an image and a video dropped on the composer",
    platform: "x",
    kind: "upload",
    url: HOME,
    steps: [{ trustedDrop: { selector: EDITOR, files: [{ name: "photo.jpg" }, { name: "clip.mp4" }] } }],
    expect: [
      { platform: "x", kind: "upload", detail: "image", count: 1 },
      { platform: "x", kind: "upload", detail: "video", count: 1 },
    ],
  },
  {
    name: "x: an image pasted into the composer",
    platform: "x",
    kind: "upload",
    url: HOME,
    steps: [{ pasteImage: EDITOR }],
    expect: [{ platform: "x", kind: "upload", detail: "image", count: 1 }],
  },
  {
    name: "x: a paste of a file made by the page's own script counts nothing",
    platform: "x",
    kind: "upload",
    url: HOME,
    steps: [{ untrustedPaste: EDITOR }],
    expect: [],
  },
  {
    name: "x: a post that arrived by infinite scroll",
    platform: "x",
    kind: "reaction",
    url: `${HOME}?posts=20`,
    steps: [
      { scrollToEnd: true },
      { waitFor: '[data-testid="cellInnerDiv"]:nth-child(23)' },
      { click: '[data-testid="cellInnerDiv"]:nth-child(23) [data-testid="like"]' },
    ],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: a like after client-side navigation",
    platform: "x",
    kind: "reaction",
    url: HOME,
    steps: [{ click: `${FIRST} a[href="/fixture_user"]` }, { waitFor: "#text-1850000000000000999" }, { click: LIKE }],
    expect: [{ platform: "x", kind: "reaction", detail: "like", count: 1 }],
  },
  {
    name: "x: a page script's like, post and file drop count nothing",
    platform: "x",
    kind: "negative",
    url: HOME,
    steps: [
      { untrustedClick: LIKE },
      { untrustedClick: RETWEET },
      { untrustedClick: '[data-testid="retweetConfirm"]' },
      { drop: { selector: EDITOR, files: [{ name: "a.png", mimeType: "image/png" }] } },
    ],
    expect: [],
  },
  {
    name: "x: nothing counts when logged out",
    platform: "x",
    kind: "negative",
    url: `${HOME}?logged-out`,
    steps: [{ click: LIKE }],
    expect: [],
  },
];
