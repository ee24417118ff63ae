// Captchas on a site outside the platform list: reCAPTCHA v2's checkbox alone, its image
// challenge (two rounds), its audio challenge, a passive (invisible) solve; hCaptcha; Turnstile
// interactive and managed (passive); and look-alikes.
const SHOP = "https://shop.example.net/checkout";
const ANCHOR = 'iframe[title="reCAPTCHA"]';
const BFRAME = 'iframe[title^="recaptcha challenge"]';

export default [
  {
    name: "captcha: a reCAPTCHA checkbox, timed",
    platform: "other",
    kind: "captcha",
    url: `${SHOP}?mode=checkbox`,
    steps: [
      { frame: ANCHOR, click: "#recaptcha-anchor" },
      { frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]' },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "recaptcha-checkbox", count: 1 }],
    measured: { kind: "captcha", atLeastSeconds: 0.2 },
  },
  {
    name: "captcha: a reCAPTCHA image challenge in two rounds, in French",
    platform: "other",
    kind: "captcha",
    url: `${SHOP}?mode=image&hl=fr`,
    steps: [
      { frame: ANCHOR, click: "#recaptcha-anchor" },
      { frame: BFRAME, click: '.rc-imageselect-tile[aria-label="2"]' },
      { frame: BFRAME, click: '.rc-imageselect-tile[aria-label="5"]' },
      { frame: BFRAME, click: "#recaptcha-verify-button" },
      { frame: BFRAME, click: '.rc-imageselect-tile[aria-label="9"]' },
      { frame: BFRAME, click: "#recaptcha-verify-button" },
      { frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]' },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "recaptcha-image", count: 1, rounds: 2, tiles: 3 }],
  },
  {
    name: "captcha: a reCAPTCHA audio challenge",
    platform: "other",
    kind: "captcha",
    url: `${SHOP}?mode=image`,
    steps: [
      { frame: ANCHOR, click: "#recaptcha-anchor" },
      { frame: BFRAME, click: "#recaptcha-audio-button" },
      { frame: BFRAME, type: { selector: "#audio-response", text: "seven four" } },
      { frame: BFRAME, click: "#recaptcha-verify-button" },
      { frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]' },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "recaptcha-audio", count: 1, rounds: 1 }],
  },
  {
    name: "captcha: reCAPTCHA Enterprise served from recaptcha.net",
    platform: "other",
    kind: "captcha",
    url: `${SHOP}?mode=checkbox&api=enterprise&captcha-origin=https://www.recaptcha.net`,
    steps: [
      { frame: ANCHOR, click: "#recaptcha-anchor" },
      { frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]' },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "recaptcha-checkbox", count: 1 }],
  },
  {
    name: "captcha: an Arkose game in two rounds",
    platform: "other",
    kind: "captcha",
    url: "https://shop.example.net/signup-arkose",
    steps: [
      { frame: 'iframe[title="Verification challenge"]', click: "#verify" },
      {
        frame: 'iframe[title="Verification challenge"]',
        click: '#game_children_challenge a[aria-label="Image 3 of 6"]',
      },
      { frame: 'iframe[title="Verification challenge"]', waitFor: "text=(2 of 2)" },
      {
        frame: 'iframe[title="Verification challenge"]',
        click: '#game_children_challenge a[aria-label="Image 5 of 6"]',
      },
      { frame: 'iframe[title="Verification challenge"]', waitFor: ".victory-screen" },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "arkose-game", count: 1, rounds: 1, tiles: 2 }],
  },
  {
    name: "captcha: an invisible reCAPTCHA solved with no interaction counts nothing",
    platform: "other",
    kind: "negative",
    url: `${SHOP}?mode=invisible`,
    steps: [{ frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]', state: "attached" }, { wait: 300 }],
    expect: [],
  },
  {
    name: "captcha: an hCaptcha image challenge",
    platform: "other",
    kind: "captcha",
    url: "https://shop.example.net/checkout-hcaptcha",
    steps: [
      { frame: "iframe[data-hcaptcha-widget-id]", click: "#checkbox" },
      { frame: 'iframe[title^="Main content"]', click: '.task-image[aria-label="Challenge Image 1"]' },
      { frame: 'iframe[title^="Main content"]', click: '.task-image[aria-label="Challenge Image 4"]' },
      { frame: 'iframe[title^="Main content"]', click: ".button-submit" },
      { frame: "iframe[data-hcaptcha-widget-id]", waitFor: '#checkbox[aria-checked="true"]' },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "hcaptcha-image", count: 1, rounds: 1, tiles: 2 }],
  },
  {
    name: "captcha: an interactive Turnstile in a closed shadow root",
    platform: "other",
    kind: "captcha",
    url: "https://shop.example.net/checkout-turnstile?mode=interactive",
    steps: [
      { wait: 300 },
      { frameUrl: "/turnstile/", click: ".cb-lb input" },
      { frameUrl: "/turnstile/", waitFor: "#success" },
    ],
    expect: [{ platform: "other", kind: "captcha", detail: "turnstile", count: 1 }],
  },
  {
    name: "captcha: a managed Turnstile that passes by itself counts nothing",
    platform: "other",
    kind: "negative",
    url: "https://shop.example.net/checkout-turnstile?mode=managed",
    steps: [{ wait: 300 }, { frameUrl: "/turnstile/", waitFor: "#success" }, { wait: 200 }],
    expect: [],
  },
  {
    name: "captcha: a look-alike widget and frame on another origin count nothing",
    platform: "other",
    kind: "negative",
    url: "https://www.example.org/fake-captcha",
    steps: [
      { click: "#recaptcha-anchor" },
      { frame: ANCHOR, click: "#recaptcha-anchor" },
      { frame: ANCHOR, waitFor: '#recaptcha-anchor[aria-checked="true"]' },
    ],
    expect: [],
  },
];
