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
const settle = { wait: 300 };
const boost = (status) =>
  `.status[data-id="11350000000000000${status}"] .status__action-bar__button:has(.icon-retweet)`;
const BOOST_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="0"]';
const QUOTE_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="1"]';
const reblog = (status) =>
  `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="reblog"]`;
const repost = (count) => ({ platform: "mastodon", kind: "repost", detail: "repost", count });
const post = (count) => ({ platform: "mastodon", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "mastodon", kind: "hashtag", count });
const EDITOR = "form.compose-form textarea.autosuggest-textarea__textarea";
const PUBLISH = 'form.compose-form button[type="submit"]';
const sent = { wait: 400 };
const more = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__dropdown button`;
// The dropdown's last item, "Report @name" (its data-index counts the separators too).
const REPORT_ITEM = '.dropdown-menu .dropdown-menu__item button[data-index="6"]';
const category = (value) => `.report-dialog-modal label.dialog-option:has(input[name="category"][value="${value}"])`;
const rule = (id) => `.report-dialog-modal label.dialog-option:has(input[name="rule_ids"][value="${id}"])`;
// The one button of the step on show: "Next", "Submit report" or "Done".
const STEP_BUTTON = ".report-dialog-modal .report-dialog-modal__actions button";
const COMMENT = ".report-dialog-modal textarea.report-dialog-modal__textarea";
const THANKS = ".report-dialog-modal h3.report-dialog-modal__title";
const report = (count) => ({ platform: "mastodon", kind: "report", detail: "report", count });
/** From the status's "More" button to the comment step, as spam. */
const toComment = (status) => [
  { click: more(status) },
  { click: REPORT_ITEM },
  { click: category("spam") },
  { click: STEP_BUTTON },
  { click: STEP_BUTTON },
  { waitFor: COMMENT },
];
// Erases what the textarea holds, as a person would: had the sensor taken the key before for a
// send, the textarea clearing now would make it count.
const erase = [{ press: "ControlOrMeta+A" }, { press: "Backspace" }];

export default [
  {
    name: "mastodon legacy bar: a favourite counts one",
    platform: "mastodon",
    kind: "reaction",
    url: LEGACY,
    steps: [{ click: star(1) }, settle],
    expect: [favourite(1)],
  },
  {
    name: "mastodon legacy bar: favourite then unfavourite counts one of each",
    platform: "mastodon",
    kind: "unreaction",
    url: LEGACY,
    steps: [{ click: star(1) }, { click: star(1) }, settle],
    expect: [favourite(1), unfavourite(1)],
  },
  {
    name: "mastodon legacy bar: removing an earlier favourite counts one unfavourite",
    platform: "mastodon",
    kind: "unreaction",
    url: LEGACY,
    steps: [{ click: star(2) }, settle],
    expect: [unfavourite(1)],
  },
  {
    name: "mastodon legacy bar: a favourite with French labels counts one",
    platform: "mastodon",
    kind: "reaction",
    url: `${LEGACY}?hl=fr`,
    steps: [{ click: star(1) }, settle],
    expect: [favourite(1)],
  },
  {
    name: "mastodon redesign: a favourite counts one",
    platform: "mastodon",
    kind: "reaction",
    url: HOME,
    steps: [{ click: toggle(1) }, settle],
    expect: [favourite(1)],
  },
  {
    name: "mastodon redesign: favourite then unfavourite counts one of each",
    platform: "mastodon",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: toggle(1) }, { click: toggle(1) }, settle],
    expect: [favourite(1), unfavourite(1)],
  },
  {
    name: "mastodon redesign: removing an earlier favourite counts one unfavourite",
    platform: "mastodon",
    kind: "unreaction",
    url: HOME,
    steps: [{ click: toggle(2) }, settle],
    expect: [unfavourite(1)],
  },
  {
    name: "mastodon legacy bar: a favourite made by the page's own script counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [{ untrustedClick: star(1) }, settle],
    expect: [],
  },
  {
    name: "mastodon redesign: a favourite made by the page's own script counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: HOME,
    steps: [{ untrustedClick: toggle(1) }, settle],
    expect: [],
  },
  {
    name: "mastodon legacy bar: a boost counts one repost",
    platform: "mastodon",
    kind: "repost",
    url: LEGACY,
    steps: [{ click: boost(1) }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon legacy bar: boost then Unboost counts only the boost",
    platform: "mastodon",
    kind: "repost",
    url: LEGACY,
    steps: [{ click: boost(1) }, { click: boost(1) }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon legacy bar: Unboost of a status boosted earlier counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [{ click: boost(2) }, settle],
    expect: [],
  },
  {
    name: "mastodon legacy bar in French: Partager counts one repost, Annuler le partage nothing",
    platform: "mastodon",
    kind: "repost",
    url: `${LEGACY}?hl=fr`,
    steps: [{ click: boost(1) }, { click: boost(2) }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon boost-or-quote menu: opening it counts nothing, its Boost item counts one repost",
    platform: "mastodon",
    kind: "repost",
    url: `${LEGACY}?boost=menu`,
    steps: [{ click: boost(1) }, { waitFor: BOOST_ITEM }, { click: BOOST_ITEM }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon boost-or-quote menu: opening it then choosing Quote counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?boost=menu`,
    steps: [{ click: boost(1) }, { waitFor: QUOTE_ITEM }, { click: QUOTE_ITEM }, settle],
    expect: [],
  },
  {
    name: "mastodon boost-or-quote menu: its Unboost item on a boosted status counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?boost=menu&hl=fr`,
    steps: [{ click: boost(2) }, { waitFor: BOOST_ITEM }, { click: BOOST_ITEM }, settle],
    expect: [],
  },
  {
    name: "mastodon redesign: a boost counts one repost",
    platform: "mastodon",
    kind: "repost",
    url: HOME,
    steps: [{ click: reblog(1) }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon redesign: boost then undo (same label) counts only the boost",
    platform: "mastodon",
    kind: "repost",
    url: HOME,
    steps: [{ click: reblog(1) }, { click: reblog(1) }, settle],
    expect: [repost(1)],
  },
  {
    name: "mastodon redesign: undoing a boost made earlier counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: HOME,
    steps: [{ click: reblog(2) }, settle],
    expect: [],
  },
  {
    name: "mastodon legacy bar: a boost made by the page's own script counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [{ untrustedClick: boost(1) }, settle],
    expect: [],
  },
  {
    name: "mastodon compose form: a post counts the post and each distinct hashtag, not #123",
    platform: "mastodon",
    kind: "hashtag",
    url: LEGACY,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Le #travail du clic, #DigitalLabour et l’#économie, #Travail encore #123" } },
      { click: PUBLISH },
      sent,
    ],
    expect: [post(1), hashtags(3)],
    measured: { kind: "post", atLeastSeconds: 0.001 },
  },
  {
    name: "mastodon compose form: Ctrl+Enter posts too",
    platform: "mastodon",
    kind: "post",
    url: `${LEGACY}?hl=fr`,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Bonjour #Fédivers" } },
      { press: "Control+Enter" },
      sent,
    ],
    expect: [post(1), hashtags(1)],
  },
  {
    name: "mastodon compose form: Enter alone starts a new line, not a post, even once the text is erased",
    platform: "mastodon",
    kind: "negative",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Brouillon #idée" } },
      { press: "Enter" },
      sent,
      ...erase,
      sent,
    ],
    expect: [],
  },
  {
    name: "mastodon compose form: Post with an empty editor counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [{ click: EDITOR }, { click: PUBLISH }, sent],
    expect: [],
  },
  {
    name: "mastodon compose form: a post the server refuses (the text stays) counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?offline=1`,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "Ceci ne partira pas #hors_ligne" } },
      { click: PUBLISH },
      sent,
    ],
    expect: [],
  },
  {
    name: "mastodon redesign compose form: a post with a non-Latin hashtag",
    platform: "mastodon",
    kind: "hashtag",
    url: HOME,
    steps: [
      { click: EDITOR },
      { type: { selector: EDITOR, text: "東京の朝 #日本語 #写真 #2026" } },
      { click: PUBLISH },
      sent,
    ],
    expect: [post(1), hashtags(2)],
  },
  {
    name: "mastodon report: spam, posts, comment, then Submit report counts one report",
    platform: "mastodon",
    kind: "report",
    url: LEGACY,
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
    name: "mastodon report in French: a rule violation of a remote account, forwarded, then Envoyer counts one report",
    platform: "mastodon",
    kind: "report",
    url: `${LEGACY}?hl=fr`,
    steps: [
      { click: more(2) },
      { click: REPORT_ITEM },
      { click: category("violation") },
      { click: STEP_BUTTON },
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
    name: "mastodon report: I don't like it, then Done, sends no report and counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [
      { click: more(1) },
      { click: REPORT_ITEM },
      { click: category("dislike") },
      { click: STEP_BUTTON },
      { waitFor: THANKS },
      { click: STEP_BUTTON },
      settle,
    ],
    expect: [],
  },
  {
    name: "mastodon report: closed with its close button at the comment step counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [...toComment(1), { click: ".report-dialog-modal .report-modal__close" }, settle],
    expect: [],
  },
  {
    name: "mastodon report: dismissed with Escape at the comment step counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?hl=fr`,
    steps: [...toComment(1), { click: COMMENT }, { press: "Escape" }, settle],
    expect: [],
  },
  {
    name: "mastodon report: Submit report clicked by the page's own script counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: LEGACY,
    steps: [...toComment(1), { untrustedClick: STEP_BUTTON }, { waitFor: THANKS }, settle],
    expect: [],
  },
  {
    name: "mastodon: a favourite while logged out counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?logged-out`,
    steps: [{ click: star(1) }, settle],
    expect: [],
  },
  {
    name: "mastodon: a boost while logged out counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: `${LEGACY}?logged-out`,
    steps: [{ click: boost(1) }, settle],
    expect: [],
  },
];
