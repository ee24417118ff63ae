// LinkedIn: the older feed's react-button__trigger with aria-pressed ("feed-shared-2022",
// feed-legacy.html) and the 2025–26 server-driven feed whose reaction button carries its state in
// its label ("view-name-2025", feed.html) (fixtures tests/fixtures/linkedin/). In both, post 1
// starts without a reaction and post 2 liked.

const LEGACY = "https://www.linkedin.com/feed-legacy";
const FEED = "https://www.linkedin.com/feed";
const legacyLike = (post) => `[data-id="urn:li:activity:720000000000000000${post}"] button.react-button__trigger`;
const reactionButton = (post) => `[componentkey^="urn:li:activity:730000000000000000${post}"] button[data-view-name="reaction-button"]`;
const like = (count) => ({ platform: "linkedin", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "linkedin", kind: "unreaction", detail: "like", count });
const settle = { wait: 300 };

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
    name: "linkedin: a like while logged out counts nothing",
    platform: "linkedin",
    kind: "negative",
    url: "https://www.linkedin.com/logged-out",
    steps: [{ click: reactionButton(1) }, settle],
    expect: [],
  },
];
