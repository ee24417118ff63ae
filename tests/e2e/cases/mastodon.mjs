// Mastodon (mastodon.social): the legacy action bar's star with class "active"
// ("action-bar-legacy", home-legacy.html) and the 2026 redesign's aria-pressed toggle
// ("redesign-2026", home.html) (fixtures tests/fixtures/mastodon/). In both, status 1 starts not
// favourited and status 2 favourited. Boosts count as reposts, undoing one counts nothing;
// status 1 starts not boosted, status 2 boosted. The compose form counts a post and its hashtags.

const LEGACY = "https://mastodon.social/home-legacy";
const HOME = "https://mastodon.social/home";
const star = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__button.star-icon`;
const toggle = (status) => `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="favourite"]`;
const favourite = (count) => ({ platform: "mastodon", kind: "reaction", detail: "favourite", count });
const unfavourite = (count) => ({ platform: "mastodon", kind: "unreaction", detail: "favourite", count });
const settle = { wait: 300 };
const boost = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__button:has(.icon-retweet)`;
const BOOST_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="0"]';
const QUOTE_ITEM = '.dropdown-menu .reblog-menu-item button[data-index="1"]';
const reblog = (status) => `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="reblog"]`;
const repost = (count) => ({ platform: "mastodon", kind: "repost", detail: "repost", count });
const post = (count) => ({ platform: "mastodon", kind: "post", detail: "post", count });
const hashtags = (count) => ({ platform: "mastodon", kind: "hashtag", count });
const EDITOR = "form.compose-form textarea.autosuggest-textarea__textarea";
const PUBLISH = 'form.compose-form button[type="submit"]';
const sent = { wait: 400 };
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
    steps: [{ click: EDITOR }, { type: { selector: EDITOR, text: "Bonjour #Fédivers" } }, { press: "Control+Enter" }, sent],
    expect: [post(1), hashtags(1)],
  },
  {
    name: "mastodon compose form: Enter alone starts a new line, not a post, even once the text is erased",
    platform: "mastodon",
    kind: "negative",
    url: HOME,
    steps: [{ click: EDITOR }, { type: { selector: EDITOR, text: "Brouillon #idée" } }, { press: "Enter" }, sent, ...erase, sent],
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
    steps: [{ click: EDITOR }, { type: { selector: EDITOR, text: "Ceci ne partira pas #hors_ligne" } }, { click: PUBLISH }, sent],
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
    name: "mastodon: a favourite while logged out counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: "https://mastodon.social/logged-out",
    steps: [{ click: star(1) }, settle],
    expect: [],
  },
  {
    name: "mastodon: a boost while logged out counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: "https://mastodon.social/logged-out",
    steps: [{ click: boost(1) }, settle],
    expect: [],
  },
];
