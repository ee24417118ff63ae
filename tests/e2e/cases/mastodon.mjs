import { erase, platformCases, platformRecords, sent, settle, typeInto } from "../case-builders.mjs";

// Mastodon (mastodon.social): the legacy action bar's star with class "active"
// ("action-bar-legacy", home-legacy.html) and the 2026 redesign's aria-pressed toggle
// ("redesign-2026", home.html) (fixtures tests/fixtures/mastodon/). In both, status 1 starts not
// favourited and status 2 favourited. Boosts count as reposts, undoing one counts nothing;
// status 1 starts not boosted, status 2 boosted. The compose form counts a post and its hashtags.
// A report counts once it is submitted from the report modal's comment step ("Submit report",
// French "Envoyer"), never on opening it, on its "Next" steps, on "I don't like it" then "Done",
// or when it is closed. Status 1's author is local; status 2's is on another server.

const LEGACY = "https://mastodon.social/home-legacy";
const HOME = "https://mastodon.social/home";
const star = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__button.star-icon`;
const toggle = (status) =>
  `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="favourite"]`;
const favourite = (count) => ({ platform: "mastodon", kind: "reaction", detail: "favourite", count });
const unfavourite = (count) => ({ platform: "mastodon", kind: "unreaction", detail: "favourite", count });
const boost = (status) =>
  `.status[data-id="11350000000000000${status}"] .status__action-bar__button:has(.icon-retweet)`;
const BOOST_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="0"]';
const QUOTE_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="1"]';
const reblog = (status) =>
  `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="reblog"]`;
const EDITOR = "form.compose-form textarea.autosuggest-textarea__textarea";
const PUBLISH = 'form.compose-form button[type="submit"]';
const more = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__dropdown button`;
// The dropdown's last item, "Report @name" (its data-index counts the separators too).
const REPORT_ITEM = '.dropdown-menu .dropdown-menu__item button[data-index="6"]';
const category = (value) => `.report-dialog-modal label.dialog-option:has(input[name="category"][value="${value}"])`;
const rule = (id) => `.report-dialog-modal label.dialog-option:has(input[name="rule_ids"][value="${id}"])`;
// The one button of the step on show: "Next", "Submit report" or "Done".
const STEP_BUTTON = ".report-dialog-modal .report-dialog-modal__actions button";
const COMMENT = ".report-dialog-modal textarea.report-dialog-modal__textarea";
const THANKS = ".report-dialog-modal h3.report-dialog-modal__title";
/** From the status's "More" button through the report's first step, answered with `value`. */
const reportAs = (status, value) => [
  { click: more(status) },
  { click: REPORT_ITEM },
  { click: category(value) },
  { click: STEP_BUTTON },
];
/** From the status's "More" button to the comment step, as spam. */
const toComment = (status) => [...reportAs(status, "spam"), { click: STEP_BUTTON }, { waitFor: COMMENT }];

const mastodon = platformCases("mastodon");
const { repost, post, hashtags, report } = platformRecords("mastodon");

export default [
  {
    ...mastodon.reaction("mastodon legacy bar: a favourite counts one", LEGACY),
    steps: [{ click: star(1) }, settle],
    expect: [favourite(1)],
  },
  {
    ...mastodon.unreaction("mastodon legacy bar: favourite then unfavourite counts one of each", LEGACY),
    steps: [{ click: star(1) }, { click: star(1) }, settle],
    expect: [favourite(1), unfavourite(1)],
  },
  {
    ...mastodon.unreaction("mastodon legacy bar: removing an earlier favourite counts one unfavourite", LEGACY),
    steps: [{ click: star(2) }, settle],
    expect: [unfavourite(1)],
  },
  {
    ...mastodon.reaction("mastodon legacy bar: a favourite with French labels counts one", `${LEGACY}?hl=fr`),
    steps: [{ click: star(1) }, settle],
    expect: [favourite(1)],
  },
  {
    ...mastodon.reaction("mastodon redesign: a favourite counts one", HOME),
    steps: [{ click: toggle(1) }, settle],
    expect: [favourite(1)],
  },
  {
    ...mastodon.unreaction("mastodon redesign: favourite then unfavourite counts one of each", HOME),
    steps: [{ click: toggle(1) }, { click: toggle(1) }, settle],
    expect: [favourite(1), unfavourite(1)],
  },
  {
    ...mastodon.unreaction("mastodon redesign: removing an earlier favourite counts one unfavourite", HOME),
    steps: [{ click: toggle(2) }, settle],
    expect: [unfavourite(1)],
  },
  {
    ...mastodon.negative("mastodon legacy bar: a favourite made by the page's own script counts nothing", LEGACY),
    steps: [{ untrustedClick: star(1) }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon redesign: a favourite made by the page's own script counts nothing", HOME),
    steps: [{ untrustedClick: toggle(1) }, settle],
    expect: [],
  },
  {
    ...mastodon.repost("mastodon legacy bar: a boost counts one repost", LEGACY),
    steps: [{ click: boost(1) }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.repost("mastodon legacy bar: boost then Unboost counts only the boost", LEGACY),
    steps: [{ click: boost(1) }, { click: boost(1) }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.negative("mastodon legacy bar: Unboost of a status boosted earlier counts nothing", LEGACY),
    steps: [{ click: boost(2) }, settle],
    expect: [],
  },
  {
    ...mastodon.repost(
      "mastodon legacy bar in French: Partager counts one repost, Annuler le partage nothing",
      `${LEGACY}?hl=fr`,
    ),
    steps: [{ click: boost(1) }, { click: boost(2) }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.repost(
      "mastodon boost-or-quote menu: opening it counts nothing, its Boost item counts one repost",
      `${LEGACY}?boost=menu`,
    ),
    steps: [{ click: boost(1) }, { waitFor: BOOST_ITEM }, { click: BOOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.negative(
      "mastodon boost-or-quote menu: opening it then choosing Quote counts nothing",
      `${LEGACY}?boost=menu`,
    ),
    steps: [{ click: boost(1) }, { waitFor: QUOTE_ITEM }, { click: QUOTE_ITEM }, settle],
    expect: [],
  },
  {
    ...mastodon.negative(
      "mastodon boost-or-quote menu: its Unboost item on a boosted status counts nothing",
      `${LEGACY}?boost=menu&hl=fr`,
    ),
    steps: [{ click: boost(2) }, { waitFor: BOOST_ITEM }, { click: BOOST_ITEM }, settle],
    expect: [],
  },
  {
    ...mastodon.repost("mastodon redesign: a boost counts one repost", HOME),
    steps: [{ click: reblog(1) }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.repost("mastodon redesign: boost then undo (same label) counts only the boost", HOME),
    steps: [{ click: reblog(1) }, { click: reblog(1) }, settle],
    expect: [repost(1)],
  },
  {
    ...mastodon.negative("mastodon redesign: undoing a boost made earlier counts nothing", HOME),
    steps: [{ click: reblog(2) }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon legacy bar: a boost made by the page's own script counts nothing", LEGACY),
    steps: [{ untrustedClick: boost(1) }, settle],
    expect: [],
  },
  {
    ...mastodon.hashtag("mastodon compose form: a post counts the post and each distinct hashtag, not #123", LEGACY),
    steps: [
      ...typeInto(EDITOR, "Le #travail du clic, #DigitalLabour et l’#économie, #Travail encore #123"),
      { click: PUBLISH },
      sent,
    ],
    expect: [post(1), hashtags(3)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    ...mastodon.post("mastodon compose form: Ctrl+Enter posts too", `${LEGACY}?hl=fr`),
    steps: [...typeInto(EDITOR, "Bonjour #Fédivers"), { press: "Control+Enter" }, sent],
    expect: [post(1), hashtags(1)],
  },
  {
    ...mastodon.negative(
      "mastodon compose form: Enter alone starts a new line, not a post, even once the text is erased",
      HOME,
    ),
    steps: [...typeInto(EDITOR, "Brouillon #idée"), { press: "Enter" }, sent, ...erase, sent],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon compose form: Post with an empty editor counts nothing", LEGACY),
    steps: [{ click: EDITOR }, { click: PUBLISH }, sent],
    expect: [],
  },
  {
    ...mastodon.negative(
      "mastodon compose form: a post the server refuses (the text stays) counts nothing",
      `${LEGACY}?offline=1`,
    ),
    steps: [...typeInto(EDITOR, "Ceci ne partira pas #hors_ligne"), { click: PUBLISH }, sent],
    expect: [],
  },
  {
    ...mastodon.hashtag("mastodon redesign compose form: a post with a non-Latin hashtag", HOME),
    steps: [...typeInto(EDITOR, "東京の朝 #日本語 #写真 #2026"), { click: PUBLISH }, sent],
    expect: [post(1), hashtags(2)],
  },
  {
    ...mastodon.report("mastodon report: spam, posts, comment, then Submit report counts one report", LEGACY),
    steps: [
      ...toComment(1),
      { type: { selector: COMMENT, text: "Link farm" } },
      { click: STEP_BUTTON },
      { waitFor: THANKS },
      { click: STEP_BUTTON },
      settle,
    ],
    expect: [report(1)],
  },
  {
    ...mastodon.report(
      "mastodon report in French: a rule violation of a remote account, forwarded, then Envoyer counts one report",
      `${LEGACY}?hl=fr`,
    ),
    steps: [
      ...reportAs(2, "violation"),
      { click: rule(2) },
      { click: STEP_BUTTON },
      { click: STEP_BUTTON },
      { waitFor: COMMENT },
      { click: ".report-dialog-modal label.report-dialog-modal__toggle" },
      { click: ".report-dialog-modal label.report-dialog-modal__toggle" },
      { click: STEP_BUTTON },
      { waitFor: THANKS },
      settle,
    ],
    expect: [report(1)],
  },
  {
    ...mastodon.negative("mastodon report: I don't like it, then Done, sends no report and counts nothing", LEGACY),
    steps: [...reportAs(1, "dislike"), { waitFor: THANKS }, { click: STEP_BUTTON }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon report: closed with its close button at the comment step counts nothing", LEGACY),
    steps: [...toComment(1), { click: ".report-dialog-modal .report-modal__close" }, settle],
    expect: [],
  },
  {
    ...mastodon.negative(
      "mastodon report: dismissed with Escape at the comment step counts nothing",
      `${LEGACY}?hl=fr`,
    ),
    steps: [...toComment(1), { click: COMMENT }, { press: "Escape" }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon report: Submit report clicked by the page's own script counts nothing", LEGACY),
    steps: [...toComment(1), { untrustedClick: STEP_BUTTON }, { waitFor: THANKS }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon: a favourite while logged out counts nothing", `${LEGACY}?logged-out`),
    steps: [{ click: star(1) }, settle],
    expect: [],
  },
  {
    ...mastodon.negative("mastodon: a boost while logged out counts nothing", `${LEGACY}?logged-out`),
    steps: [{ click: boost(1) }, settle],
    expect: [],
  },
];
