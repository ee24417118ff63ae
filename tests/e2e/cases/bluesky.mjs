// Bluesky (bsky.app): the like state lives only in the likeBtn's translated label; a repost counts
// on the "Repost" item of the menu that repostBtn opens, never on opening it, and the same item
// labelled "Undo repost" counts nothing (fixtures tests/fixtures/bluesky/). Alice's post starts
// neither liked nor reposted; Bob's is already liked and reposted. The composer dialog counts a
// post and its hashtags once it closes. A report counts on the report dialog's "Submit report"
// (report:submit), never on opening the dialog from the post's menu, on its category and reason
// cards, or when the dialog is closed or dismissed.

const HOME = "https://bsky.app/";
const ALICE = '[data-testid="feedItem-by-alice.fixture.social"]';
const BOB = '[data-testid="feedItem-by-bob.fixture.social"]';
const likeBtn = (post) => `${post} [data-testid="likeBtn"]`;
const repostBtn = (post) => `${post} [data-testid="repostBtn"]`;
const REPOST_ITEM = '[role="menu"] [data-testid="repostDropdownRepostBtn"]';
const QUOTE_ITEM = '[role="menu"] [data-testid="repostDropdownQuoteBtn"]';
const like = (count) => ({ platform: "bluesky", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "bluesky", kind: "unreaction", detail: "like", count });
const repost = (count) => ({ platform: "bluesky", kind: "repost", detail: "repost", count });
const settle = { wait: 300 };
const NEW_POST = 'nav [aria-label="Compose new post"], nav [aria-label="Rédiger un nouveau post"]';
const EDITOR = '[role="dialog"] .ProseMirror[contenteditable="true"]';
const PUBLISH = '[role="dialog"] [data-testid="composerPublishBtn"]';
const post = (count) => ({ platform: "bluesky", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "bluesky", kind: "hashtag", count });
const sent = { wait: 400 };
const optionsBtn = (post) => `${post} [data-testid="postDropdownBtn"]`;
const REPORT_ITEM = '[role="menu"] [data-testid="postDropdownReportBtn"]';
const REPORT_DIALOG = '[role="dialog"][aria-label="Report dialog"]';
const reportCategory = (title) => `${REPORT_DIALOG} [data-testid="report:category:${title}"]`;
const reportOption = (title) => `${REPORT_DIALOG} [data-testid="report:option:${title}"]`;
const SUBMIT_REPORT = `${REPORT_DIALOG} [data-testid="report:submit"]`;
const report = (count) => ({ platform: "bluesky", kind: "report", detail: "report", count });
/** From the post's menu to the submit step, as spam. */
const toSubmit = (post) => [
  { click: optionsBtn(post) },
  { click: REPORT_ITEM },
  { click: reportCategory("Misleading") },
  { click: reportOption("Spam") },
  { waitFor: SUBMIT_REPORT },
];

export default [
  {
    name: "bluesky: a like counts one like",
    platform: "bluesky",
    kind: "reaction",
    url: HOME,
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [like(1)],
  },
  {
    name: "bluesky: like then unlike counts one of each",
    platform: "bluesky",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: likeBtn(ALICE) }, { click: likeBtn(ALICE) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "bluesky: unliking a post liked earlier counts one unlike",
    platform: "bluesky",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: likeBtn(BOB) }, settle],
    expect: [unlike(1)],
  },
  {
    name: "bluesky: a like in French counts one like",
    platform: "bluesky",
    kind: "reaction",
    url: `${HOME}?hl=fr`,
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [like(1)],
  },
  {
    name: "bluesky: like then unlike in French counts one of each",
    platform: "bluesky",
    kind: "unreaction",
    url: `${HOME}?hl=fr`,
    steps: [{ click: likeBtn(ALICE) }, { click: likeBtn(ALICE) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "bluesky: choosing Repost in the repost menu counts one repost",
    platform: "bluesky",
    kind: "repost",
    url: HOME,
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    name: "bluesky: choosing Republier in the French repost menu counts one repost",
    platform: "bluesky",
    kind: "repost",
    url: `${HOME}?hl=fr`,
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    name: "bluesky: repost then Undo repost counts only the repost",
    platform: "bluesky",
    kind: "repost",
    url: HOME,
    steps: [
      { click: repostBtn(ALICE) },
      { click: REPOST_ITEM },
      { click: repostBtn(ALICE) },
      { click: `${REPOST_ITEM}[aria-label="Undo repost"]` },
      settle,
    ],
    expect: [repost(1)],
  },
  {
    name: "bluesky: opening the repost menu then pressing Escape counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: repostBtn(ALICE) }, { wait: 100 }, { press: "Escape" }, settle],
    expect: [],
  },
  {
    name: "bluesky: opening the repost menu then clicking elsewhere counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: repostBtn(ALICE) }, { wait: 100 }, { click: '[data-testid="homeScreenFeedTabs"]' }, settle],
    expect: [],
  },
  {
    name: "bluesky: Undo repost on a post reposted earlier counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: repostBtn(BOB) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    name: "bluesky: Annuler le repost (French undo) counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: `${HOME}?hl=fr`,
    steps: [{ click: repostBtn(BOB) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    name: "bluesky: Quote post in the repost menu is not a repost",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: repostBtn(ALICE) }, { click: QUOTE_ITEM }, settle],
    expect: [],
  },
  {
    name: "bluesky: a like made by the page's own script counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ untrustedClick: likeBtn(ALICE) }, settle],
    expect: [],
  },
  {
    name: "bluesky: a repost chosen by the page's own script counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: repostBtn(ALICE) }, { untrustedClick: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    name: "bluesky composer: a post counts the post and each distinct hashtag, not #123",
    platform: "bluesky",
    kind: "hashtag",
    url: HOME,
    steps: [
      { click: NEW_POST },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Le #travail du clic et la #modération, #Travail encore #123" } },
      { click: PUBLISH },
      sent,
    ],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "bluesky composer: Ctrl+Enter publishes too (French)",
    platform: "bluesky",
    kind: "post",
    url: `${HOME}?hl=fr`,
    steps: [
      { click: NEW_POST },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Salut #ciel" } },
      { press: "Control+Enter" },
      sent,
    ],
    expect: [post(1), hashtags(1)],
  },
  {
    name: "bluesky composer: Ctrl+Enter in an empty editor counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [{ click: NEW_POST }, { click: EDITOR }, { press: "Control+Enter" }, sent],
    expect: [],
  },
  {
    name: "bluesky composer: a draft discarded with Cancel counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [
      { click: NEW_POST },
      { click: EDITOR },
      { type: { selector: EDITOR, text: "never mind #draft" } },
      { click: '[role="dialog"] [data-testid="composerDiscardButton"]' },
      sent,
    ],
    expect: [],
  },
  {
    name: "bluesky report: Misleading, Spam, then Submit report counts one report",
    platform: "bluesky",
    kind: "report",
    url: HOME,
    steps: [...toSubmit(ALICE), { click: SUBMIT_REPORT }, settle],
    expect: [report(1)],
  },
  {
    name: "bluesky report: changing the category and the reason before submitting counts one report",
    platform: "bluesky",
    kind: "report",
    url: HOME,
    steps: [
      { click: optionsBtn(BOB) },
      { click: REPORT_ITEM },
      { click: reportCategory("Other") },
      { click: `${REPORT_DIALOG} [data-testid="report:clearCategory"]` },
      { click: reportCategory("Harassment or Hate") },
      { click: reportOption("Trolling") },
      { click: `${REPORT_DIALOG} [data-testid="report:clearReportOption"]` },
      { click: reportOption("Hate Speech") },
      { click: SUBMIT_REPORT },
      settle,
    ],
    expect: [report(1)],
  },
  {
    name: "bluesky report: closed with Close active dialog before submitting counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [...toSubmit(ALICE), { click: `${REPORT_DIALOG} [aria-label="Close active dialog"]` }, settle],
    expect: [],
  },
  {
    name: "bluesky report: dismissed with Escape before submitting counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [
      { click: optionsBtn(ALICE) },
      { click: REPORT_ITEM },
      { click: reportCategory("Misleading") },
      { press: "Escape" },
      settle,
    ],
    expect: [],
  },
  {
    name: "bluesky report: Submit report clicked by the page's own script counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: HOME,
    steps: [...toSubmit(ALICE), { untrustedClick: SUBMIT_REPORT }, settle],
    expect: [],
  },
  {
    name: "bluesky: a like while logged out counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: `${HOME}?logged-out`,
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [],
  },
  {
    name: "bluesky: a repost while logged out counts nothing",
    platform: "bluesky",
    kind: "negative",
    url: `${HOME}?logged-out`,
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
];
