import { platformCases, platformRecords, settle } from "../case-builders.mjs";

// Pinterest: saving a pin counts on the save button's press, from the grid's hover button
// (PinBetterSaveButton) or the close-up's (closeup-save-button); the same button labelled
// "Saved" ("Enregistré") takes the pin back out and counts nothing (fixtures
// tests/fixtures/pinterest/). On the grid, pin 2 starts saved. Files chosen or dropped in the pin
// creation tool count as uploads, once, whether the page takes a drop itself (cancelling it) or
// leaves it to the file input (?native-drop).

const HOME = "https://www.pinterest.com/";
const PIN = "https://www.pinterest.com/pin";
const gridSave = (pin) => `[data-test-pin-id="80000000000000000${pin}"] [data-test-id="PinBetterSaveButton"]`;
const CLOSEUP_SAVE = '[data-test-id="closeup-save-button"]';
const save = (count) => ({ platform: "pinterest", kind: "reaction", detail: "save", count });
const CREATE = "https://www.pinterest.com/pin-creation-tool/";
const UPLOAD_AREA = '[data-test-id="storyboard-upload-area"]';

const pinterest = platformCases("pinterest");
const { upload } = platformRecords("pinterest");

export default [
  {
    ...pinterest.reaction("pinterest grid: saving a pin counts one save", HOME),
    steps: [{ click: gridSave(1) }, settle],
    expect: [save(1)],
  },
  {
    ...pinterest.reaction("pinterest grid: saving two pins counts two saves", HOME),
    steps: [{ click: gridSave(1) }, { click: gridSave(3) }, settle],
    expect: [save(2)],
  },
  {
    ...pinterest.reaction("pinterest grid: save then click Saved counts only the save", HOME),
    steps: [{ click: gridSave(1) }, { click: gridSave(1) }, settle],
    expect: [save(1)],
  },
  {
    ...pinterest.reaction("pinterest close-up: saving the pin counts one save", PIN),
    steps: [{ click: CLOSEUP_SAVE }, settle],
    expect: [save(1)],
  },
  {
    ...pinterest.reaction("pinterest close-up: saving in French (Enregistrer) counts one save", `${PIN}?hl=fr`),
    steps: [{ click: CLOSEUP_SAVE }, settle],
    expect: [save(1)],
  },
  {
    ...pinterest.reaction("pinterest close-up: Enregistrer then Enregistré counts only the save", `${PIN}?hl=fr`),
    steps: [{ click: CLOSEUP_SAVE }, { click: CLOSEUP_SAVE }, settle],
    expect: [save(1)],
  },
  {
    ...pinterest.negative("pinterest grid: clicking Saved on a pin saved earlier counts nothing", HOME),
    steps: [{ click: gridSave(2) }, settle],
    expect: [],
  },
  {
    ...pinterest.negative("pinterest close-up: the board picker is not a save", PIN),
    steps: [{ click: '[data-test-id="board-dropdown-select-button"]' }, settle],
    expect: [],
  },
  {
    ...pinterest.negative("pinterest grid: a save made by the page's own script counts nothing", HOME),
    steps: [{ untrustedClick: gridSave(1) }, settle],
    expect: [],
  },
  {
    ...pinterest.upload("pinterest pin creation tool: an image and a video chosen count as uploads", CREATE),
    steps: [
      { upload: { selector: "#storyboard-upload-input", files: [{ name: "recipe.jpg" }, { name: "idea.mp4" }] } },
      settle,
    ],
    expect: [upload("image", 1), upload("video", 1)],
  },
  {
    ...pinterest.upload("pinterest pin creation tool: an image dropped on the upload area counts once", CREATE),
    steps: [{ trustedDrop: { selector: UPLOAD_AREA, files: [{ name: "living-room.webp" }] } }, settle],
    expect: [upload("image", 1)],
  },
  {
    ...pinterest.upload(
      "pinterest pin creation tool: an image dropped and left to the file input (drop not cancelled) counts once",
      `${CREATE}?native-drop`,
    ),
    steps: [
      { trustedDrop: { selector: UPLOAD_AREA, files: [{ name: "living-room.webp" }] } },
      // The browser filled the input and the page took the files from its change event.
      { waitFor: '[data-test-id="storyboard-drafts"] li' },
      settle,
    ],
    expect: [upload("image", 1)],
  },
  {
    ...pinterest.negative("pinterest: a save while logged out counts nothing", `${HOME}?logged-out`),
    steps: [{ click: gridSave(1) }, settle],
    expect: [],
  },
];
