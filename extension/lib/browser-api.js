// The extension APIs under one name: `browser` where the browser has it (Firefox), `chrome`
// elsewhere. Both answer with promises in the versions Tâcheron supports (Chromium 120,
// Firefox 140), so nothing else differs for the code that uses them.

export const api = globalThis.browser ?? globalThis.chrome;
