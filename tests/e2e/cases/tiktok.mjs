// TikTok: button[aria-pressed] around a data-e2e like icon, in two layouts: the For You feed
// ("feed-2024", like-icon) and the video page in browse mode ("browse-2024", browse-like-icon)
// (fixtures tests/fixtures/tiktok/). On the feed, video 1 starts not liked, video 2 liked. The
// video page's comment box counts a post and its hashtags, sent with Post or with Enter
// (Shift+Enter only starts a new line; Enter then Post before the box empties is one comment).
// A video chosen or dropped on TikTok Studio's upload page counts as an upload.

const FEED = "https://www.tiktok.com/foryou";
const VIDEO = "https://www.tiktok.com/video";
const feedLike = (video) =>
  `[data-e2e="recommend-list-item-container"]:nth-of-type(${video}) button[aria-pressed]:has([data-e2e="like-icon"])`;
const BROWSE_LIKE = 'button[aria-pressed]:has([data-e2e="browse-like-icon"])';
const like = (count) => ({ platform: "tiktok", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "tiktok", kind: "unreaction", detail: "like", count });
const settle = { wait: 300 };
const COMMENT_EDITOR = '[data-e2e="comment-input"] [contenteditable="true"]';
const COMMENT_POST = '[data-e2e="comment-post"]';
const comment = (count) => ({ platform: "tiktok", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "tiktok", kind: "hashtag", count });
const sent = { wait: 400 };
const STUDIO = "https://www.tiktok.com/tiktokstudio/upload";
const UPLOAD_CARD = '[data-e2e="select_video_container"]';
const upload = (detail, count) => ({ platform: "tiktok", kind: "upload", detail, count });
const COMMENT_SHOWN = '[data-e2e^="comment-username-new"]';
// Erases what the box holds, as a person would: had the sensor taken the key before for a send,
// the box clearing now would make it count.
const erase = [{ press: "ControlOrMeta+A" }, { press: "Backspace" }];

export default [
  {
    name: "tiktok feed: liking a video counts one like",
    platform: "tiktok",
    kind: "reaction",
    url: FEED,
    steps: [{ click: feedLike(1) }, settle],
    expect: [like(1)],
  },
  {
    name: "tiktok feed: like then unlike counts one of each",
    platform: "tiktok",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: feedLike(1) }, { click: feedLike(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "tiktok feed: unliking a video liked earlier counts one unlike",
    platform: "tiktok",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: feedLike(2) }, settle],
    expect: [unlike(1)],
  },
  {
    name: "tiktok video page: liking counts one like",
    platform: "tiktok",
    kind: "reaction",
    url: VIDEO,
    steps: [{ click: BROWSE_LIKE }, settle],
    expect: [like(1)],
  },
  {
    name: "tiktok video page: like then unlike counts one of each",
    platform: "tiktok",
    kind: "unreaction",
    url: VIDEO,
    steps: [{ click: BROWSE_LIKE }, { click: BROWSE_LIKE }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "tiktok video page: liking with French labels counts one like",
    platform: "tiktok",
    kind: "reaction",
    url: `${VIDEO}?hl=fr`,
    steps: [{ click: BROWSE_LIKE }, settle],
    expect: [like(1)],
  },
  {
    name: "tiktok feed: a like made by the page's own script counts nothing",
    platform: "tiktok",
    kind: "negative",
    url: FEED,
    steps: [{ untrustedClick: feedLike(1) }, settle],
    expect: [],
  },
  {
    name: "tiktok video page: a like made by the page's own script counts nothing",
    platform: "tiktok",
    kind: "negative",
    url: VIDEO,
    steps: [{ untrustedClick: BROWSE_LIKE }, settle],
    expect: [],
  },
  {
    name: "tiktok video page: a comment counts one post and each distinct hashtag, not #123",
    platform: "tiktok",
    kind: "hashtag",
    url: VIDEO,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "trop fort #danse #fête #Danse #123" } },
      { click: COMMENT_POST },
      sent,
    ],
    expect: [comment(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "tiktok video page: a comment with French labels (Publier) counts one post",
    platform: "tiktok",
    kind: "post",
    url: `${VIDEO}?hl=fr`,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "incroyable" } },
      { click: COMMENT_POST },
      sent,
    ],
    expect: [comment(1)],
  },
  {
    name: "tiktok video page: Post with an empty comment box counts nothing",
    platform: "tiktok",
    kind: "negative",
    url: VIDEO,
    steps: [{ click: COMMENT_EDITOR }, { click: COMMENT_POST }, sent],
    expect: [],
  },
  {
    name: "tiktok video page: a comment sent with Enter counts one post and its hashtag",
    platform: "tiktok",
    kind: "hashtag",
    url: VIDEO,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "la chorée #incroyable" } },
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [comment(1), hashtags(1)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "tiktok video page: Shift+Enter starts a new line and sends nothing, even once the box is erased",
    platform: "tiktok",
    kind: "negative",
    url: VIDEO,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "attends #brouillon" } },
      { press: "Shift+Enter" },
      sent,
      ...erase,
      sent,
    ],
    expect: [],
  },
  {
    name: "tiktok video page: two lines joined with Shift+Enter, then Enter, count one post with the hashtags of both",
    platform: "tiktok",
    kind: "hashtag",
    url: `${VIDEO}?hl=fr`,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "trop bien #danse" } },
      { press: "Shift+Enter" },
      { type: { selector: COMMENT_EDITOR, text: "encore #bis" } },
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [comment(1), hashtags(2)],
  },
  {
    // The page empties the box 300 ms after the send (?slow): both submits are seen before it
    // does, and they are one comment.
    name: "tiktok video page: Enter then Post at once, on a box that empties 300 ms later, count one post",
    platform: "tiktok",
    kind: "hashtag",
    url: `${VIDEO}?slow`,
    steps: [
      { click: COMMENT_EDITOR },
      { type: { selector: COMMENT_EDITOR, text: "encore une fois #danse" } },
      { press: "Enter" },
      { click: COMMENT_POST },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [comment(1), hashtags(1)],
  },
  {
    name: "tiktok studio: a video chosen with Select video counts one video upload",
    platform: "tiktok",
    kind: "upload",
    url: STUDIO,
    steps: [{ upload: { selector: `${UPLOAD_CARD} input[type="file"]`, files: [{ name: "dance.mp4" }] } }, settle],
    expect: [upload("video", 1)],
  },
  {
    name: "tiktok studio: a video dropped on the upload card counts one video upload",
    platform: "tiktok",
    kind: "upload",
    url: STUDIO,
    steps: [{ trustedDrop: { selector: UPLOAD_CARD, files: [{ name: "dance.mp4" }] } }, settle],
    expect: [upload("video", 1)],
  },
  {
    name: "tiktok studio: a video dropped by the page's own script counts nothing",
    platform: "tiktok",
    kind: "negative",
    url: STUDIO,
    steps: [{ drop: { selector: UPLOAD_CARD, files: [{ name: "dance.mp4", mimeType: "video/mp4" }] } }, settle],
    expect: [],
  },
  {
    name: "tiktok: a like while logged out counts nothing",
    platform: "tiktok",
    kind: "negative",
    url: `${FEED}?logged-out`,
    steps: [{ click: feedLike(1) }, settle],
    expect: [],
  },
];
