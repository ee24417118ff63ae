// Instagram: the heart's state is the aria-label of the svg that the page replaces on each click
// (fixture tests/fixtures/instagram/). Post 1 starts not liked, post 2 liked.

const FEED = "https://www.instagram.com/";
const heart = (post, label) => `article:nth-of-type(${post}) section [role="button"]:has(> div > svg[aria-label="${label}"])`;
const like = (count) => ({ platform: "instagram", kind: "reaction", detail: "like", count });
const unlike = (count) => ({ platform: "instagram", kind: "unreaction", detail: "like", count });
const settle = { wait: 300 };

export default [
  {
    name: "instagram: liking a post counts one like",
    platform: "instagram",
    kind: "reaction",
    url: FEED,
    steps: [{ click: heart(1, "Like") }, settle],
    expect: [like(1)],
  },
  {
    name: "instagram: like then unlike counts one like and one unlike",
    platform: "instagram",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: heart(1, "Like") }, { click: heart(1, "Unlike") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "instagram: unliking a post liked earlier counts one unlike",
    platform: "instagram",
    kind: "unreaction",
    url: FEED,
    steps: [{ click: heart(2, "Unlike") }, settle],
    expect: [unlike(1)],
  },
  {
    name: "instagram: liking two posts counts two likes",
    platform: "instagram",
    kind: "reaction",
    url: FEED,
    steps: [{ click: heart(1, "Like") }, { click: heart(2, "Unlike") }, { click: heart(2, "Like") }, settle],
    expect: [like(2), unlike(1)],
  },
  {
    name: "instagram: liking in French (J’aime) counts one like",
    platform: "instagram",
    kind: "reaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: heart(1, "J’aime") }, settle],
    expect: [like(1)],
  },
  {
    name: "instagram: like then unlike in French (Je n’aime plus) counts one of each",
    platform: "instagram",
    kind: "unreaction",
    url: `${FEED}?hl=fr`,
    steps: [{ click: heart(1, "J’aime") }, { click: heart(1, "Je n’aime plus") }, settle],
    expect: [like(1), unlike(1)],
  },
  {
    name: "instagram: a like made by the page's own script counts nothing",
    platform: "instagram",
    kind: "negative",
    url: FEED,
    steps: [{ untrustedClick: heart(1, "Like") }, settle],
    expect: [],
  },
  {
    name: "instagram: the Save (bookmark) button is not a like",
    platform: "instagram",
    kind: "negative",
    url: FEED,
    steps: [{ click: 'article:nth-of-type(1) section [role="button"]:has(> div > svg[aria-label="Save"])' }, settle],
    expect: [],
  },
  {
    name: "instagram: a like while logged out counts nothing",
    platform: "instagram",
    kind: "negative",
    url: "https://www.instagram.com/logged-out",
    steps: [{ click: heart(1, "Like") }, settle],
    expect: [],
  },
];
