// Facebook: only roles and labels; the Like control's label becomes "Remove Like" once reacted
// (French "J’aime" / "Supprimer J’aime") (fixtures tests/fixtures/facebook/). Post 1 starts
// without a reaction, post 2 liked. The share box's dialog counts a post and its hashtags; files
// chosen or dropped under its Photo/video count as uploads. The comment box under post 1 counts a
// post and its hashtags when sent with Enter or its arrow; Shift+Enter only starts a new line.
// The Create post dialog's editor sits in a form[method="POST"] too, as on the real site; there
// Enter only starts a new line, so that form must not be taken for a comment box.

const FEED = "https://www.facebook.com/";
const likeControl = (post, label) => `[role="article"][aria-posinset="${post}"] [role="button"][aria-label="${label}"]`;
const like = (count) => ({ platform: "facebook", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "facebook", kind: "unreaction", detail: "like", count });
const settle = { wait: 300 };
const WHATS = '[data-pagelet="FeedComposer"] [role="button"]';
const EDITOR = '[role="dialog"] [contenteditable="true"][role="textbox"]';
const PUBLISH = (label) => `[role="dialog"] [role="button"][aria-label="${label}"]`;
const post = (count) => ({ platform: "facebook", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "facebook", kind: "hashtag", count });
const sent = { wait: 400 };
const PHOTO_VIDEO = '[role="dialog"] [role="button"][aria-label="Photo/video"]';
const MEDIA_INPUT = '[role="dialog"] input[type="file"]';
const MEDIA_AREA = '[role="dialog"] [role="button"]:has(> input[type="file"])';
const upload = (detail, count) => ({ platform: "facebook", kind: "upload", detail, count });
const COMMENT_BOX = '[role="article"][aria-posinset="1"] form [contenteditable="true"][role="textbox"]';
const COMMENT_ARROW = (label) => `[role="article"][aria-posinset="1"] form [role="button"][aria-label="${label}"]`;
const COMMENT_SHOWN = '[role="article"][aria-posinset="1"] .xcommentlist [role="listitem"]';
// Erases what the box holds, as a person would: had the sensor taken the key before for a send,
// the box clearing now would make it count.
const erase = [{ press: "ControlOrMeta+A" }, { press: "Backspace" }];

export default [
  {
    name: "facebook: a like counts one like",
    platform: "facebook",
    kind: "reaction",
    url: FEED,
    steps: [{ click: likeControl(1, "Like") }, settle],
    expect: [like(1)],
  },
  {
    name: "facebook: like then Remove Like counts one of each",
    platform: "facebook",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: likeControl(1, "Like") }, { click: likeControl(1, "Remove Like") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "facebook: removing an earlier like counts one unlike",
    platform: "facebook",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: likeControl(2, "Remove Like") }, settle],
    expect: [unlike(1)],
  },
  {
    name: "facebook: a like in French (J’aime) counts one like",
    platform: "facebook",
    kind: "reaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: likeControl(1, "J’aime") }, settle],
    expect: [like(1)],
  },
  {
    name: "facebook: like then Supprimer J’aime in French counts one of each",
    platform: "facebook",
    kind: "unreaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: likeControl(1, "J’aime") }, { click: likeControl(1, "Supprimer J’aime") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "facebook: a like made by the page's own script counts nothing",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [{ untrustedClick: likeControl(1, "Like") }, settle],
    expect: [],
  },
  {
    name: "facebook: Comment is not a like",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [{ click: likeControl(1, "Leave a comment") }, settle],
    expect: [],
  },
  {
    name: "facebook share box: a post counts the post and each distinct hashtag, not #123",
    platform: "facebook",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: WHATS },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Weekend at the lake #summer #Family #summer #123" } },
      { click: PUBLISH("Post") },
      sent,
    ],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "facebook share box in French: Publier counts the post and its hashtags",
    platform: "facebook",
    kind: "hashtag",
    url: `${FEED}?hl=fr`,
    steps: [
      { click: WHATS },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Week-end au lac #été #famille" } },
      { click: PUBLISH("Publier") },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "facebook share box: Post with an empty editor counts nothing",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [{ click: WHATS }, { click: EDITOR }, { click: PUBLISH("Post") }, sent],
    expect: [],
  },
  {
    name: "facebook share box: two photos and a video chosen under Photo/video count as uploads",
    platform: "facebook",
    kind: "upload",
    url: FEED,
    steps: [
      { click: WHATS },
      { click: PHOTO_VIDEO },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "lake.jpg" }, { name: "dock.png" }, { name: "swim.mp4" }] } },
      settle,
    ],
    expect: [upload("image", 2), upload("video", 1)],
  },
  {
    name: "facebook share box: a photo dropped on the Photo/video area counts one image upload",
    platform: "facebook",
    kind: "upload",
    url: FEED,
    steps: [
      { click: WHATS },
      { click: PHOTO_VIDEO },
      { trustedDrop: { selector: MEDIA_AREA, files: [{ name: "sunset.jpg" }] } },
      settle,
    ],
    expect: [upload("image", 1)],
  },
  {
    name: "facebook comment box: a comment sent with Enter counts one post and its hashtag",
    platform: "facebook",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: likeControl(1, "Leave a comment") },
      { type: { selector: COMMENT_BOX, text: "Quelle vue #marée" } },
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [post(1), hashtags(1)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "facebook comment box: the Comment arrow counts one post and each distinct hashtag",
    platform: "facebook",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "Great shot #fixtures #beach #Fixtures" } },
      { click: COMMENT_ARROW("Comment") },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "facebook comment box in French: Enter sends, then the Commenter arrow sends a second comment",
    platform: "facebook",
    kind: "post",
    url: `${FEED}?hl=fr`,
    steps: [
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "Magnifique" } },
      { press: "Enter" },
      { type: { selector: COMMENT_BOX, text: "Et la lumière #photo" } },
      { click: COMMENT_ARROW("Commenter") },
      sent,
    ],
    expect: [post(2), hashtags(1)],
  },
  {
    name: "facebook comment box: Shift+Enter starts a new line and sends nothing, even once the box is erased",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "Not sure yet #draft" } },
      { press: "Shift+Enter" },
      sent,
      ...erase,
      sent,
    ],
    expect: [],
  },
  {
    name: "facebook comment box: two lines joined with Shift+Enter, then Enter, count one post with the hashtags of both",
    platform: "facebook",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: COMMENT_BOX },
      { type: { selector: COMMENT_BOX, text: "First line #one" } },
      { press: "Shift+Enter" },
      { type: { selector: COMMENT_BOX, text: "second line #two" } },
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "facebook comment box: Enter and the arrow in an empty box count nothing",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [{ click: COMMENT_BOX }, { press: "Enter" }, { click: COMMENT_ARROW("Comment") }, sent],
    expect: [],
  },
  {
    name: "facebook share box: Enter in the Create post dialog starts a new line, not a post",
    platform: "facebook",
    kind: "negative",
    url: FEED,
    steps: [
      { click: WHATS },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Draft #idea" } },
      { press: "Enter" },
      sent,
      ...erase,
      sent,
    ],
    expect: [],
  },
  {
    name: "facebook share box: a new line with Enter in the Create post dialog, then Post, counts one post",
    platform: "facebook",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: WHATS },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Two lines #first" } },
      { press: "Enter" },
      { type: { selector: EDITOR, text: "and more #second" } },
      { click: PUBLISH("Post") },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "facebook: a like while logged out counts nothing",
    platform: "facebook",
    kind: "negative",
    url: `${FEED}?logged-out`,
    steps: [{ click: likeControl(1, "Like") }, settle],
    expect: [],
  },
];
