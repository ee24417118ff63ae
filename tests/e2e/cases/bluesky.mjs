import { platformCases, platformRecords, sent, settle, typeInto } from "../case-builders.mjs";

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
const NEW_POST = 'nav [aria-label="Compose new post"], nav [aria-label="Rédiger un nouveau post"]';
const EDITOR = '[role="dialog"] .ProseMirror[contenteditable="true"]';
const PUBLISH = '[role="dialog"] [data-testid="composerPublishBtn"]';
/** Steps: the composer dialog opened and `text` typed into its editor. */
const composer = (text) => [{ click: NEW_POST }, ...typeInto(EDITOR, text)];
const optionsBtn = (post) => `${post} [data-testid="postDropdownBtn"]`;
const REPORT_ITEM = '[role="menu"] [data-testid="postDropdownReportBtn"]';
const REPORT_DIALOG = '[role="dialog"][aria-label="Report dialog"]';
const reportCategory = (title) => `${REPORT_DIALOG} [data-testid="report:category:${title}"]`;
const reportOption = (title) => `${REPORT_DIALOG} [data-testid="report:option:${title}"]`;
const SUBMIT_REPORT = `${REPORT_DIALOG} [data-testid="report:submit"]`;
/** From the post's menu to the report dialog's category `title`. */
const toCategory = (post, title) => [
  { click: optionsBtn(post) },
  { click: REPORT_ITEM },
  { click: reportCategory(title) },
];
/** From the post's menu to the submit step, as spam. */
const toSubmit = (post) => [
  ...toCategory(post, "Misleading"),
  { click: reportOption("Spam") },
  { waitFor: SUBMIT_REPORT },
];

const bluesky = platformCases("bluesky");
const { like, unlike, repost, post, hashtags, report } = platformRecords("bluesky");

export default [
  {
    ...bluesky.reaction("bluesky: a like counts one like", HOME),
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [like(1)],
  },
  {
    ...bluesky.unreaction("bluesky: like then unlike counts one of each", HOME),
    steps: [{ click: likeBtn(ALICE) }, { click: likeBtn(ALICE) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...bluesky.unreaction("bluesky: unliking a post liked earlier counts one unlike", HOME),
    steps: [{ click: likeBtn(BOB) }, settle],
    expect: [unlike(1)],
  },
  {
    ...bluesky.reaction("bluesky: a like in French counts one like", `${HOME}?hl=fr`),
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [like(1)],
  },
  {
    ...bluesky.unreaction("bluesky: like then unlike in French counts one of each", `${HOME}?hl=fr`),
    steps: [{ click: likeBtn(ALICE) }, { click: likeBtn(ALICE) }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    ...bluesky.repost("bluesky: choosing Repost in the repost menu counts one repost", HOME),
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    ...bluesky.repost("bluesky: choosing Republier in the French repost menu counts one repost", `${HOME}?hl=fr`),
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    ...bluesky.repost("bluesky: repost then Undo repost counts only the repost", HOME),
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
    ...bluesky.negative("bluesky: opening the repost menu then pressing Escape counts nothing", HOME),
    steps: [{ click: repostBtn(ALICE) }, { wait: 100 }, { press: "Escape" }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: opening the repost menu then clicking elsewhere counts nothing", HOME),
    steps: [{ click: repostBtn(ALICE) }, { wait: 100 }, { click: '[data-testid="homeScreenFeedTabs"]' }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: Undo repost on a post reposted earlier counts nothing", HOME),
    steps: [{ click: repostBtn(BOB) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: Annuler le repost (French undo) counts nothing", `${HOME}?hl=fr`),
    steps: [{ click: repostBtn(BOB) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: Quote post in the repost menu is not a repost", HOME),
    steps: [{ click: repostBtn(ALICE) }, { click: QUOTE_ITEM }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: a like made by the page's own script counts nothing", HOME),
    steps: [{ untrustedClick: likeBtn(ALICE) }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: a repost chosen by the page's own script counts nothing", HOME),
    steps: [{ click: repostBtn(ALICE) }, { untrustedClick: REPOST_ITEM }, settle],
    expect: [],
  },
  {
    ...bluesky.hashtag("bluesky composer: a post counts the post and each distinct hashtag, not #123", HOME),
    steps: [...composer("Le #travail du clic et la #modération, #Travail encore #123"), { click: PUBLISH }, sent],
    expect: [post(1), hashtags(2)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...bluesky.post("bluesky composer: Ctrl+Enter publishes too (French)", `${HOME}?hl=fr`),
    steps: [...composer("Salut #ciel"), { press: "Control+Enter" }, sent],
    expect: [post(1), hashtags(1)],
  },
  {
    ...bluesky.negative("bluesky composer: Ctrl+Enter in an empty editor counts nothing", HOME),
    steps: [{ click: NEW_POST }, { click: EDITOR }, { press: "Control+Enter" }, sent],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky composer: a draft discarded with Cancel counts nothing", HOME),
    steps: [...composer("never mind #draft"), { click: '[role="dialog"] [data-testid="composerDiscardButton"]' }, sent],
    expect: [],
  },
  {
    ...bluesky.report("bluesky report: Misleading, Spam, then Submit report counts one report", HOME),
    steps: [...toSubmit(ALICE), { click: SUBMIT_REPORT }, settle],
    expect: [report(1)],
  },
  {
    ...bluesky.report("bluesky report: changing the category and the reason before submitting counts one report", HOME),
    steps: [
      ...toCategory(BOB, "Other"),
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
    ...bluesky.negative("bluesky report: closed with Close active dialog before submitting counts nothing", HOME),
    steps: [...toSubmit(ALICE), { click: `${REPORT_DIALOG} [aria-label="Close active dialog"]` }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky report: dismissed with Escape before submitting counts nothing", HOME),
    steps: [...toCategory(ALICE, "Misleading"), { press: "Escape" }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky report: Submit report clicked by the page's own script counts nothing", HOME),
    steps: [...toSubmit(ALICE), { untrustedClick: SUBMIT_REPORT }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: a like while logged out counts nothing", `${HOME}?logged-out`),
    steps: [{ click: likeBtn(ALICE) }, settle],
    expect: [],
  },
  {
    ...bluesky.negative("bluesky: a repost while logged out counts nothing", `${HOME}?logged-out`),
    steps: [{ click: repostBtn(ALICE) }, { click: REPOST_ITEM }, settle],
    expect: [],
  },
];
