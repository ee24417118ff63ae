import { erase, platformCases, platformRecords, sent, settle, typeInto, typeTwoLines } from "../case-builders.mjs";

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
const COMMENT_EDITOR = '[data-e2e="comment-input"] [contenteditable="true"]';
const COMMENT_POST = '[data-e2e="comment-post"]';
const STUDIO = "https://www.tiktok.com/tiktokstudio/upload";
const UPLOAD_CARD = '[data-e2e="select_video_container"]';
const COMMENT_SHOWN = '[data-e2e^="comment-username-new"]';

const tiktok = platformCases("tiktok");
const { like, unlike, post: comment, hashtags, upload } = platformRecords("tiktok");

export default [
  {
    ...tiktok.reaction("tiktok feed: liking a video counts one like", FEED),
    steps: [{ click: feedLike(1) }, settle],
    expect: [like(1)],
  },
  {
    ...tiktok.unreaction("tiktok feed: like then unlike counts one of each", FEED),
    steps: [{ click: feedLike(1) }, { click: feedLike(1) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...tiktok.unreaction("tiktok feed: unliking a video liked earlier counts one unlike", FEED),
    steps: [{ click: feedLike(2) }, settle],
    expect: [unlike(1)],
  },
  {
    ...tiktok.reaction("tiktok video page: liking counts one like", VIDEO),
    steps: [{ click: BROWSE_LIKE }, settle],
    expect: [like(1)],
  },
  {
    ...tiktok.unreaction("tiktok video page: like then unlike counts one of each", VIDEO),
    steps: [{ click: BROWSE_LIKE }, { click: BROWSE_LIKE }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...tiktok.reaction("tiktok video page: liking with French labels counts one like", `${VIDEO}?hl=fr`),
    steps: [{ click: BROWSE_LIKE }, settle],
    expect: [like(1)],
  },
  {
    ...tiktok.negative("tiktok feed: a like made by the page's own script counts nothing", FEED),
    steps: [{ untrustedClick: feedLike(1) }, settle],
    expect: [],
  },
  {
    ...tiktok.negative("tiktok video page: a like made by the page's own script counts nothing", VIDEO),
    steps: [{ untrustedClick: BROWSE_LIKE }, settle],
    expect: [],
  },
  {
    ...tiktok.hashtag("tiktok video page: a comment counts one post and each distinct hashtag, not #123", VIDEO),
    steps: [...typeInto(COMMENT_EDITOR, "trop fort #danse #fête #Danse #123"), { click: COMMENT_POST }, sent],
    expect: [comment(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...tiktok.post("tiktok video page: a comment with French labels (Publier) counts one post", `${VIDEO}?hl=fr`),
    steps: [...typeInto(COMMENT_EDITOR, "incroyable"), { click: COMMENT_POST }, sent],
    expect: [comment(1)],
  },
  {
    ...tiktok.negative("tiktok video page: Post with an empty comment box counts nothing", VIDEO),
    steps: [{ click: COMMENT_EDITOR }, { click: COMMENT_POST }, sent],
    expect: [],
  },
  {
    ...tiktok.hashtag("tiktok video page: a comment sent with Enter counts one post and its hashtag", VIDEO),
    steps: [...typeInto(COMMENT_EDITOR, "la chorée #incroyable"), { press: "Enter" }, { waitFor: COMMENT_SHOWN }, sent],
    expect: [comment(1), hashtags(1)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...tiktok.negative(
      "tiktok video page: Shift+Enter starts a new line and sends nothing, even once the box is erased",
      VIDEO,
    ),
    steps: [...typeInto(COMMENT_EDITOR, "attends #brouillon"), { press: "Shift+Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...tiktok.hashtag(
      "tiktok video page: two lines joined with Shift+Enter, then Enter, count one post with the hashtags of both",
      `${VIDEO}?hl=fr`,
    ),
    steps: [
      ...typeTwoLines(COMMENT_EDITOR, "trop bien #danse", "Shift+Enter", "encore #bis"),
      { press: "Enter" },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [comment(1), hashtags(2)],
  },
  {
    // The page empties the box 300 ms after the send (?slow): both submits are seen before it
    // does, and they are one comment.
    ...tiktok.hashtag(
      "tiktok video page: Enter then Post at once, on a box that empties 300 ms later, count one post",
      `${VIDEO}?slow`,
    ),
    steps: [
      ...typeInto(COMMENT_EDITOR, "encore une fois #danse"),
      { press: "Enter" },
      { click: COMMENT_POST },
      { waitFor: COMMENT_SHOWN },
      sent,
    ],
    expect: [comment(1), hashtags(1)],
  },
  {
    ...tiktok.upload("tiktok studio: a video chosen with Select video counts one video upload", STUDIO),
    steps: [{ upload: { selector: `${UPLOAD_CARD} input[type="file"]`, files: [{ name: "dance.mp4" }] } }, settle],
    expect: [upload("video", 1)],
  },
  {
    ...tiktok.upload("tiktok studio: a video dropped on the upload card counts one video upload", STUDIO),
    steps: [{ trustedDrop: { selector: UPLOAD_CARD, files: [{ name: "dance.mp4" }] } }, settle],
    expect: [upload("video", 1)],
  },
  {
    ...tiktok.negative("tiktok studio: a video dropped by the page's own script counts nothing", STUDIO),
    steps: [{ drop: { selector: UPLOAD_CARD, files: [{ name: "dance.mp4", mimeType: "video/mp4" }] } }, settle],
    expect: [],
  },
  {
    ...tiktok.negative("tiktok: a like while logged out counts nothing", `${FEED}?logged-out`),
    steps: [{ click: feedLike(1) }, settle],
    expect: [],
  },
];
