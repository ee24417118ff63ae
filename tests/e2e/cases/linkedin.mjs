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
const like = (count) => ({ platform: "linkedin", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "linkedin", kind: "unreaction", detail: "like", count });
const settle = { wait: 300 };
const post = (count) => ({ platform: "linkedin", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "linkedin", kind: "hashtag", count });
const sent = { wait: 400 };
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
const upload = (detail, count) => ({ platform: "linkedin", kind: "upload", detail, count });

export default [
  {
    name: "linkedin legacy feed: a like counts one like",
    platform: "linkedin",
    kind: "reaction",
    url: LEGACY,
    steps: [{ click: legacyLike(1) }, settle],
    expect: [like(1)],
  },
  {
    name: "linkedin legacy feed: like then unlike counts one of each",
    platform: "linkedin",
    kind: "unreaction",
    url: LEGACY,
    steps: [{ click: legacyLike(1) }, { click: legacyLike(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "linkedin legacy feed: taking back an earlier like counts one unlike",
    platform: "linkedin",
    kind: "unreaction",
    url: LEGACY,
    steps: [{ click: legacyLike(2) }, settle],
    expect: [unlike(1)],
  },
  {
    name: "linkedin feed: a like counts one like",
    platform: "linkedin",
    kind: "reaction",
    url: FEED,
    steps: [{ click: reactionButton(1) }, settle],
    expect: [like(1)],
  },
  {
    name: "linkedin feed: like then unlike counts one of each",
    platform: "linkedin",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: reactionButton(1) }, { click: reactionButton(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "linkedin feed: taking back an earlier like counts one unlike",
    platform: "linkedin",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: reactionButton(2) }, settle],
    expect: [unlike(1)],
  },
  {
    name: "linkedin feed: a like in French (État du bouton de réaction) counts one like",
    platform: "linkedin",
    kind: "reaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: reactionButton(1) }, settle],
    expect: [like(1)],
  },
  {
    name: "linkedin feed: like then unlike in French counts one of each",
    platform: "linkedin",
    kind: "unreaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: reactionButton(1) }, { click: reactionButton(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "linkedin legacy feed: a like made by the page's own script counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: LEGACY,
    steps: [{ untrustedClick: legacyLike(1) }, settle],
    expect: [],
  },
  {
    name: "linkedin feed: a like made by the page's own script counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: FEED,
    steps: [{ untrustedClick: reactionButton(1) }, settle],
    expect: [],
  },
  {
    name: "linkedin legacy share box: a post counts the post and each distinct hashtag, not #123",
    platform: "linkedin",
    kind: "hashtag",
    url: LEGACY,
    steps: [
      { click: START_POST },
      { click: SHARE_EDITOR },
      { type: { selector: SHARE_EDITOR, text: "Hiring! #recrutement #OpenToWork #Recrutement #123" } },
      { click: SHARE_POST },
      sent,
    ],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "linkedin legacy share box: Post with an empty editor counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: LEGACY,
    steps: [{ click: START_POST }, { click: SHARE_EDITOR }, { click: SHARE_POST }, sent],
    expect: [],
  },
  {
    name: "linkedin legacy comment box: a comment in French counts one post and its hashtag",
    platform: "linkedin",
    kind: "hashtag",
    url: `${LEGACY}?hl=fr`,
    steps: [
      { click: LEGACY_COMMENT },
      { click: LEGACY_COMMENT_EDITOR },
      { type: { selector: LEGACY_COMMENT_EDITOR, text: "Bravo à l’équipe #qualité" } },
      { click: LEGACY_COMMENT_SUBMIT },
      sent,
    ],
    expect: [post(1), hashtags(1)],
  },
  {
    name: "linkedin feed comment box: a comment counts one post and each distinct hashtag",
    platform: "linkedin",
    kind: "hashtag",
    url: FEED,
    steps: [
      { click: COMMENT },
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "Congrats! #testing #Тестирование #testing" } },
      { click: COMMENT_SUBMIT },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "linkedin feed comment box: Comment with an empty editor counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: FEED,
    steps: [{ click: COMMENT }, { click: COMMENT_EDITOR }, { click: COMMENT_SUBMIT }, sent],
    expect: [],
  },
  {
    name: "linkedin legacy share box: two images chosen under Add media count two image uploads",
    platform: "linkedin",
    kind: "upload",
    url: LEGACY,
    steps: [
      { click: ADD_MEDIA("Add media") },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "chart.png" }, { name: "team.jpg" }] } },
      settle,
    ],
    expect: [upload("image", 2)],
  },
  {
    name: "linkedin legacy share box in French: a video chosen under Ajouter un média counts one video upload",
    platform: "linkedin",
    kind: "upload",
    url: `${LEGACY}?hl=fr`,
    steps: [
      { click: ADD_MEDIA("Ajouter un média") },
      { upload: { selector: MEDIA_INPUT, files: [{ name: "demo.webm" }] } },
      settle,
    ],
    expect: [upload("video", 1)],
  },
  {
    name: "linkedin feed share box: an image chosen under Media, in the interop shadow root, counts one image upload",
    platform: "linkedin",
    kind: "upload",
    url: FEED,
    steps: [
      { click: MEDIA("Media") },
      { upload: { selector: INTEROP_MEDIA_INPUT, files: [{ name: "roadmap.png" }] } },
      { waitFor: INTEROP_MEDIA_SHOWN },
      settle,
    ],
    expect: [upload("image", 1)],
  },
  {
    name: "linkedin feed share box in French: a video chosen under Média, in the interop shadow root, counts one video upload",
    platform: "linkedin",
    kind: "upload",
    url: `${FEED}?hl=fr`,
    steps: [
      { click: MEDIA("Média") },
      { upload: { selector: INTEROP_MEDIA_INPUT, files: [{ name: "demo.mp4" }] } },
      { waitFor: INTEROP_MEDIA_SHOWN },
      settle,
    ],
    expect: [upload("video", 1)],
  },
  {
    name: "linkedin: a like while logged out counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: `${FEED}?logged-out`,
    steps: [{ click: reactionButton(1) }, settle],
    expect: [],
  },
];
