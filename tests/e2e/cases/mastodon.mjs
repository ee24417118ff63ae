// Mastodon (mastodon.social): the legacy action bar's star with class "active"
// ("action-bar-legacy", home-legacy.html) and the 2026 redesign's aria-pressed toggle
// ("redesign-2026", home.html) (fixtures tests/fixtures/mastodon/). In both, status 1 starts not
// favourited and status 2 favourited.

const LEGACY = "https://mastodon.social/home-legacy";
const HOME = "https://mastodon.social/home";
const star = (status) => `.status[data-id="11350000000000000${status}"] .status__action-bar__button.star-icon`;
const toggle = (status) => `.status[data-id="11360000000000000${status}"] .status__action-bar button[data-action="favourite"]`;
const favourite = (count) => ({ platform: "mastodon", kind: "reaction", detail: "favourite", count });
const unfavourite = (count) => ({ platform: "mastodon", kind: "unreaction", detail: "favourite", count });
const settle = { wait: 300 };

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
    name: "mastodon: a favourite while logged out counts nothing",
    platform: "mastodon",
    kind: "negative",
    url: "https://mastodon.social/logged-out",
    steps: [{ click: star(1) }, settle],
    expect: [],
  },
];
