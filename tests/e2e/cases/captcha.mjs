import { platformCases } from "../case-builders.mjs";

// Captchas on a site outside the platform list: reCAPTCHA v2's checkbox alone, its image
// challenge (two rounds), its audio challenge, a passive (invisible) solve; hCaptcha; Turnstile
// interactive and managed (passive); and look-alikes.
const SHOP = "https://shop.example.net/checkout";
const ANCHOR = 'iframe[title="reCAPTCHA"]';
const BFRAME = 'iframe[title^="recaptcha challenge"]';
const CHECKED = '#recaptcha-anchor[aria-checked="true"]';
// The reCAPTCHA checkbox clicked, and seen checked.
const CHECK = { frame: ANCHOR, click: "#recaptcha-anchor" };
const SOLVED = { frame: ANCHOR, waitFor: CHECKED };
const tile = (label) => ({ frame: BFRAME, click: `.rc-imageselect-tile[aria-label="${label}"]` });
const VERIFY = { frame: BFRAME, click: "#recaptcha-verify-button" };
const ARKOSE = 'iframe[title="Verification challenge"]';
const arkoseImage = (n) => ({ frame: ARKOSE, click: `#game_children_challenge a[aria-label="Image ${n} of 6"]` });
const HCAPTCHA = "iframe[data-hcaptcha-widget-id]";
const hcaptchaChallenge = (click) => ({ frame: 'iframe[title^="Main content"]', click });
const TURNSTILE = "https://shop.example.net/checkout-turnstile";

const other = platformCases("other");
const captcha = (detail, more) => ({ platform: "other", kind: "captcha", detail, count: 1, ...more });

export default [
  {
    ...other.captcha("captcha: a reCAPTCHA checkbox, timed", `${SHOP}?mode=checkbox`),
    steps: [CHECK, SOLVED],
    expect: [captcha("recaptcha-checkbox")],
    measured: { kind: "captcha", atLeastSeconds: 0.2 },
  },
  {
    ...other.captcha("captcha: a reCAPTCHA image challenge in two rounds, in French", `${SHOP}?mode=image&hl=fr`),
    steps: [CHECK, tile("2"), tile("5"), VERIFY, tile("9"), VERIFY, SOLVED],
    expect: [captcha("recaptcha-image", { rounds: 2, tiles: 3 })],
  },
  {
    ...other.captcha("captcha: a reCAPTCHA audio challenge", `${SHOP}?mode=image`),
    steps: [
      CHECK,
      { frame: BFRAME, click: "#recaptcha-audio-button" },
      { frame: BFRAME, type: { selector: "#audio-response", text: "seven four" } },
      VERIFY,
      SOLVED,
    ],
    expect: [captcha("recaptcha-audio", { rounds: 1 })],
  },
  {
    ...other.captcha(
      "captcha: reCAPTCHA Enterprise served from recaptcha.net",
      `${SHOP}?mode=checkbox&api=enterprise&captcha-origin=https://www.recaptcha.net`,
    ),
    steps: [CHECK, SOLVED],
    expect: [captcha("recaptcha-checkbox")],
  },
  {
    ...other.captcha("captcha: an Arkose game in two rounds", "https://shop.example.net/signup-arkose"),
    steps: [
      { frame: ARKOSE, click: "#verify" },
      arkoseImage(3),
      { frame: ARKOSE, waitFor: "text=(2 of 2)" },
      arkoseImage(5),
      { frame: ARKOSE, waitFor: ".victory-screen" },
    ],
    expect: [captcha("arkose-game", { rounds: 1, tiles: 2 })],
  },
  {
    ...other.negative(
      "captcha: an invisible reCAPTCHA solved with no interaction counts nothing",
      `${SHOP}?mode=invisible`,
    ),
    steps: [{ frame: ANCHOR, waitFor: CHECKED, state: "attached" }, { wait: 300 }],
    expect: [],
  },
  {
    ...other.captcha("captcha: an hCaptcha image challenge", "https://shop.example.net/checkout-hcaptcha"),
    steps: [
      { frame: HCAPTCHA, click: "#checkbox" },
      hcaptchaChallenge('.task-image[aria-label="Challenge Image 1"]'),
      hcaptchaChallenge('.task-image[aria-label="Challenge Image 4"]'),
      hcaptchaChallenge(".button-submit"),
      { frame: HCAPTCHA, waitFor: '#checkbox[aria-checked="true"]' },
    ],
    expect: [captcha("hcaptcha-image", { rounds: 1, tiles: 2 })],
  },
  {
    ...other.captcha("captcha: an interactive Turnstile in a closed shadow root", `${TURNSTILE}?mode=interactive`),
    steps: [
      { wait: 300 },
      { frameUrl: "/turnstile/", click: ".cb-lb input" },
      { frameUrl: "/turnstile/", waitFor: "#success" },
    ],
    expect: [captcha("turnstile")],
  },
  {
    ...other.negative("captcha: a managed Turnstile that passes by itself counts nothing", `${TURNSTILE}?mode=managed`),
    steps: [{ wait: 300 }, { frameUrl: "/turnstile/", waitFor: "#success" }, { wait: 200 }],
    expect: [],
  },
  {
    ...other.negative(
      "captcha: a look-alike widget and frame on another origin count nothing",
      "https://www.example.org/fake-captcha",
    ),
    steps: [{ click: "#recaptcha-anchor" }, CHECK, SOLVED],
    expect: [],
  },
];
