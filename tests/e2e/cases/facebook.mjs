import { erase, platformCases, platformRecords, sent, settle, typeInto, typeTwoLines } from "../case-builders.mjs";

// Facebook: only roles and labels; the Like control's label becomes "Remove Like" once reacted
// (French "J’aime" / "Supprimer J’aime") (fixtures tests/fixtures/facebook/). Post 1 starts
// without a reaction, post 2 liked. The share box's dialog counts a post and its hashtags; files
// chosen or dropped under its Photo/video count as uploads. The comment box under post 1 counts a
// post and its hashtags when sent with Enter or its arrow; Shift+Enter only starts a new line.
// The Create post dialog's editor sits in a form[method="POST"] too, as on the real site; there
// Enter only starts a new line, so that form must not be taken for a comment box.

const FEED = "https://www.facebook.com/";
const likeControl = (post, label) => `[role="article"][aria-posinset="${post}"] [role="button"][aria-label="${label}"]`;
const WHATS = '[data-pagelet="FeedComposer"] [role="button"]';
const EDITOR = '[role="dialog"] [contenteditable="true"][role="textbox"]';
const PUBLISH = (label) => `[role="dialog"] [role="button"][aria-label="${label}"]`;
/** Steps: the share box's dialog opened and `text` typed into its editor. */
const shareBox = (text) => [{ click: WHATS }, ...typeInto(EDITOR, text)];
const PHOTO_VIDEO = '[role="dialog"] [role="button"][aria-label="Photo/video"]';
const MEDIA_INPUT = '[role="dialog"] input[type="file"]';
const MEDIA_AREA = '[role="dialog"] [role="button"]:has(> input[type="file"])';
const COMMENT_BOX = '[role="article"][aria-posinset="1"] form [contenteditable="true"][role="textbox"]';
const COMMENT_ARROW = (label) => `[role="article"][aria-posinset="1"] form [role="button"][aria-label="${label}"]`;
const COMMENT_SHOWN = '[role="article"][aria-posinset="1"] .xcommentlist [role="listitem"]';

const facebook = platformCases("facebook");
const { like, unlike, post, hashtags, upload } = platformRecords("facebook");

export default [
  {
    ...facebook.reaction("facebook: a like counts one like", FEED),
    steps: [{ click: likeControl(1, "Like") }, settle],
    expect: [like(1)],
  },
  {
    ...facebook.unreaction("facebook: like then Remove Like counts one of each", FEED),
    steps: [{ click: likeControl(1, "Like") }, { click: likeControl(1, "Remove Like") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...facebook.unreaction("facebook: removing an earlier like counts one unlike", FEED),
    steps: [{ click: likeControl(2, "Remove Like") }, settle],
    expect: [unlike(1)],
  },
  {
    ...facebook.reaction("facebook: a like in French (J’aime) counts one like", `${FEED}?hl=fr`),
    steps: [{ click: likeControl(1, "J’aime") }, settle],
    expect: [like(1)],
  },
  {
    ...facebook.unreaction("facebook: like then Supprimer J’aime in French counts one of each", `${FEED}?hl=fr`),
    steps: [{ click: likeControl(1, "J’aime") }, { click: likeControl(1, "Supprimer J’aime") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...facebook.negative("facebook: a like made by the page's own script counts nothing", FEED),
    steps: [{ untrustedClick: likeControl(1, "Like") }, settle],
    expect: [],
  },
  {
    ...facebook.negative("facebook: Comment is not a like", FEED),
    steps: [{ click: likeControl(1, "Leave a comment") }, settle],
    expect: [],
  },
  {
    ...facebook.hashtag("facebook share box: a post counts the post and each distinct hashtag, not #123", FEED),
    steps: [...shareBox("Weekend at the lake #summer #Family #summer #123"), { click: PUBLISH("Post") }, sent],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...facebook.hashtag("facebook share box in French: Publier counts the post and its hashtags", `${FEED}?hl=fr`),
    steps: [...shareBox("Week-end au lac #été #famille"), { click: PUBLISH("Publier") }, sent],
    expect: [post(1), hashtags(2)],
  },
  {
    ...facebook.negative("facebook share box: Post with an empty editor counts nothing", FEED),
    steps: [{ click: WHATS }, { click: EDITOR }, { click: PUBLISH("Post") }, sent],
    expect: [],
  },
  {
    ...facebook.upload("facebook share box: two photos and a video chosen under Photo/video count as uploads", FEED),
    steps: [
      { click: WHATS },
      { click: PHOTO_VIDEO },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "lake.jpg" }, { name: "dock.png" }, { name: "swim.mp4" }] } },
      settle,
    ],
    expect: [upload("image", 2), upload("video", 1)],
  },
  {
    ...facebook.upload("facebook share box: a photo dropped on the Photo/video area counts one image upload", FEED),
    steps: [
      { click: WHATS },
      { click: PHOTO_VIDEO },
      { trustedDrop: { selector: MEDIA_AREA, files: [{ name: "sunset.jpg" }] } },
      settle,
    ],
    expect: [upload("image", 1)],
  },
  {
    ...facebook.hashtag("facebook comment box: a comment sent with Enter counts one post and its hashtag", FEED),
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
    ...facebook.hashtag("facebook comment box: the Comment arrow counts one post and each distinct hashtag", FEED),
    steps: [
      ...typeInto(COMMENT_BOX, "Great shot #fixtures #beach #Fixtures"),
      { click: COMMENT_ARROW("Comment") },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    ...facebook.post(
      "facebook comment box in French: Enter sends, then the Commenter arrow sends a second comment",
      `${FEED}?hl=fr`,
    ),
    steps: [
      ...typeInto(COMMENT_BOX, "Magnifique"),
      { press: "Enter" },
      { type: { selector: COMMENT_BOX, text: "Et la lumière #photo" } },
      { click: COMMENT_ARROW("Commenter") },
      sent,
    ],
    expect: [post(2), hashtags(1)],
  },
  {
    ...facebook.negative(
      "facebook comment box: Shift+Enter starts a new line and sends nothing, even once the box is erased",
      FEED,
    ),
    steps: [...typeInto(COMMENT_BOX, "Not sure yet #draft"), { press: "Shift+Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...facebook.hashtag(
      "facebook comment box: two lines joined with Shift+Enter, then Enter, count one post with the hashtags of both",
      FEED,
    ),
    steps: [
      ...typeTwoLines(COMMENT_BOX, "First line #one", "Shift+Enter", "second line #two"),
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    ...facebook.negative("facebook comment box: Enter and the arrow in an empty box count nothing", FEED),
    steps: [{ click: COMMENT_BOX }, { press: "Enter" }, { click: COMMENT_ARROW("Comment") }, sent],
    expect: [],
  },
  {
    ...facebook.negative("facebook share box: Enter in the Create post dialog starts a new line, not a post", FEED),
    steps: [...shareBox("Draft #idea"), { press: "Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...facebook.hashtag(
      "facebook share box: a new line with Enter in the Create post dialog, then Post, counts one post",
      FEED,
    ),
    steps: [
      { click: WHATS },
      ...typeTwoLines(EDITOR, "Two lines #first", "Enter", "and more #second"),
      { click: PUBLISH("Post") },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    ...facebook.negative("facebook: a like while logged out counts nothing", `${FEED}?logged-out`),
    steps: [{ click: likeControl(1, "Like") }, settle],
    expect: [],
  },
];
