import { platformCases, platformRecords, sent, settle, typeInto } from "../case-builders.mjs";

// LinkedIn: the older feed's react-button__trigger with aria-pressed ("feed-shared-2022",
// feed-legacy.html) and the 2025–26 server-driven feed whose reaction button carries its state in
// its label ("view-name-2025", feed.html) (fixtures tests/fixtures/linkedin/). In both, post 1
// starts without a reaction and post 2 liked. The legacy share box and comment box, and the new
// feed's comment box, count a post and its hashtags. Files chosen under the legacy share box's
// Add media count as uploads, and so do files chosen under the new feed's Media, whose file input
// lives in the open shadow root of the interop outlet (div[data-testid="interop-shadowdom"]).

const LEGACY = "https://www.linkedin.com/feed-legacy";
const FEED = "https://www.linkedin.com/feed";
const legacyLike = (post) => `[data-id="urn:li:activity:720000000000000000${post}"] button.react-button__trigger`;
const reactionButton = (post) =>
  `[componentkey^="urn:li:activity:730000000000000000${post}"] button[data-view-name="reaction-button"]`;
const START_POST = "button.share-box-feed-entry__trigger";
const SHARE_EDITOR = '[role="dialog"] .ql-editor[contenteditable="true"]';
const SHARE_POST = '[role="dialog"] button.share-actions__primary-action';
const legacyPost1 = '[data-id="urn:li:activity:7200000000000000001"]';
const LEGACY_COMMENT = `${legacyPost1} button.comment-button`;
const LEGACY_COMMENT_EDITOR = `${legacyPost1} .comments-comment-box .ql-editor[contenteditable="true"]`;
const LEGACY_COMMENT_SUBMIT = `${legacyPost1} button.comments-comment-box__submit-button--cr`;
const post1 = '[componentkey^="urn:li:activity:7300000000000000001"]';
const COMMENT = `${post1} button[data-view-name="feed-comment-button"]`;
const COMMENT_EDITOR = `${post1} [data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"]`;
const COMMENT_SUBMIT = `${post1} [componentkey*="commentButtonSection"] button`;
const ADD_MEDIA = (label) => `button.image_video-detour-btn[aria-label="${label}"]`;
const MEDIA_INPUT = "#media-editor-file-selector__file-input";
const MEDIA = (label) => `[data-view-name="share-box"] button[aria-label="${label}"]`;
// Playwright's CSS selectors go through open shadow roots.
const INTEROP = '[data-testid="interop-shadowdom"]';
const INTEROP_MEDIA_INPUT = `${INTEROP} input#media-editor-file-selector__file-input`;
const INTEROP_MEDIA_SHOWN = `${INTEROP} .media-editor-file-selector__files li`;

const linkedin = platformCases("linkedin");
const { like, unlike, post, hashtags, upload } = platformRecords("linkedin");

export default [
  {
    ...linkedin.reaction("linkedin legacy feed: a like counts one like", LEGACY),
    steps: [{ click: legacyLike(1) }, settle],
    expect: [like(1)],
  },
  {
    ...linkedin.unreaction("linkedin legacy feed: like then unlike counts one of each", LEGACY),
    steps: [{ click: legacyLike(1) }, { click: legacyLike(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...linkedin.unreaction("linkedin legacy feed: taking back an earlier like counts one unlike", LEGACY),
    steps: [{ click: legacyLike(2) }, settle],
    expect: [unlike(1)],
  },
  {
    ...linkedin.reaction("linkedin feed: a like counts one like", FEED),
    steps: [{ click: reactionButton(1) }, settle],
    expect: [like(1)],
  },
  {
    ...linkedin.unreaction("linkedin feed: like then unlike counts one of each", FEED),
    steps: [{ click: reactionButton(1) }, { click: reactionButton(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...linkedin.unreaction("linkedin feed: taking back an earlier like counts one unlike", FEED),
    steps: [{ click: reactionButton(2) }, settle],
    expect: [unlike(1)],
  },
  {
    ...linkedin.reaction(
      "linkedin feed: a like in French (État du bouton de réaction) counts one like",
      `${FEED}?hl=fr`,
    ),
    steps: [{ click: reactionButton(1) }, settle],
    expect: [like(1)],
  },
  {
    ...linkedin.unreaction("linkedin feed: like then unlike in French counts one of each", `${FEED}?hl=fr`),
    steps: [{ click: reactionButton(1) }, { click: reactionButton(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...linkedin.negative("linkedin legacy feed: a like made by the page's own script counts nothing", LEGACY),
    steps: [{ untrustedClick: legacyLike(1) }, settle],
    expect: [],
  },
  {
    ...linkedin.negative("linkedin feed: a like made by the page's own script counts nothing", FEED),
    steps: [{ untrustedClick: reactionButton(1) }, settle],
    expect: [],
  },
  {
    ...linkedin.hashtag(
      "linkedin legacy share box: a post counts the post and each distinct hashtag, not #123",
      LEGACY,
    ),
    steps: [
      { click: START_POST },
      ...typeInto(SHARE_EDITOR, "Hiring! #recrutement #OpenToWork #Recrutement #123"),
      { click: SHARE_POST },
      sent,
    ],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...linkedin.negative("linkedin legacy share box: Post with an empty editor counts nothing", LEGACY),
    steps: [{ click: START_POST }, { click: SHARE_EDITOR }, { click: SHARE_POST }, sent],
    expect: [],
  },
  {
    ...linkedin.hashtag(
      "linkedin legacy comment box: a comment in French counts one post and its hashtag",
      `${LEGACY}?hl=fr`,
    ),
    steps: [
      { click: LEGACY_COMMENT },
      ...typeInto(LEGACY_COMMENT_EDITOR, "Bravo à l’équipe #qualité"),
      { click: LEGACY_COMMENT_SUBMIT },
      sent,
    ],
    expect: [post(1), hashtags(1)],
  },
  {
    ...linkedin.hashtag("linkedin feed comment box: a comment counts one post and each distinct hashtag", FEED),
    steps: [
      { click: COMMENT },
      ...typeInto(COMMENT_EDITOR, "Congrats! #testing #Тестирование #testing"),
      { click: COMMENT_SUBMIT },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    ...linkedin.negative("linkedin feed comment box: Comment with an empty editor counts nothing", FEED),
    steps: [{ click: COMMENT }, { click: COMMENT_EDITOR }, { click: COMMENT_SUBMIT }, sent],
    expect: [],
  },
  {
    ...linkedin.upload("linkedin legacy share box: two images chosen under Add media count two image uploads", LEGACY),
    steps: [
      { click: ADD_MEDIA("Add media") },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "chart.png" }, { name: "team.jpg" }] } },
      settle,
    ],
    expect: [upload("image", 2)],
  },
  {
    ...linkedin.upload(
      "linkedin legacy share box in French: a video chosen under Ajouter un média counts one video upload",
      `${LEGACY}?hl=fr`,
    ),
    steps: [
      { click: ADD_MEDIA("Ajouter un média") },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "demo.webm" }] } },
      settle,
    ],
    expect: [upload("video", 1)],
  },
  {
    ...linkedin.upload(
      "linkedin feed share box: an image chosen under Media, in the interop shadow root, counts one image upload",
      FEED,
    ),
    steps: [
      { click: MEDIA("Media") },
      { upload: { selector: INTEROP_MEDIA_INPUT, files: [{ name: "roadmap.png" }] } },
      { waitFor: INTEROP_MEDIA_SHOWN },
      settle,
    ],
    expect: [upload("image", 1)],
  },
  {
    ...linkedin.upload(
      "linkedin feed share box in French: a video chosen under Média, in the interop shadow root, counts one video upload",
      `${FEED}?hl=fr`,
    ),
    steps: [
      { click: MEDIA("Média") },
      { upload: { selector: INTEROP_MEDIA_INPUT, files: [{ name: "demo.mp4" }] } },
      { waitFor: INTEROP_MEDIA_SHOWN },
      settle,
    ],
    expect: [upload("video", 1)],
  },
  {
    ...linkedin.negative("linkedin: a like while logged out counts nothing", `${FEED}?logged-out`),
    steps: [{ click: reactionButton(1) }, settle],
    expect: [],
  },
];
