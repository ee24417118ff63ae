// A stand-in for chrome.storage in the page where wasm-bindgen's test runner runs the boundaries'
// tests (a plain web page has no extension APIs). It keeps the API's contract as the browsers do:
// promises, `get` of a key, a list of keys or everything, values kept as structured clones (a Map
// or a function is refused, as chrome.storage refuses it), and a failure when told to fail. The
// real chrome.storage is exercised by the end-to-end tests in Chromium and Firefox.

function area() {
  const values = new Map();
  let failing = false;
  const check = () => {
    if (failing) throw new Error("the store is unavailable");
  };
  const keep = (value) => {
    if (value instanceof Map || typeof value === "function") throw new TypeError("cannot be stored");
    return structuredClone(value);
  };
  return {
    async get(keys) {
      check();
      const wanted = keys == null ? [...values.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(
        wanted.filter((key) => values.has(key)).map((key) => [key, structuredClone(values.get(key))]),
      );
    },
    async set(items) {
      check();
      const kept = Object.entries(items).map(([key, value]) => [key, keep(value)]);
      for (const [key, value] of kept) values.set(key, value);
    },
    async remove(keys) {
      check();
      for (const key of Array.isArray(keys) ? keys : [keys]) values.delete(key);
    },
    setFailing(flag) {
      failing = flag;
    },
    raw(key) {
      return values.get(key);
    },
  };
}

/** Puts empty `chrome.storage.local` and `chrome.storage.session` stand-ins in place. */
export function installStorageStandIn() {
  globalThis.chrome = { storage: { local: area(), session: area() } };
}

/** Makes every call to the local area fail (`true`) or work again. */
export function failLocalStorage(flag) {
  globalThis.chrome.storage.local.setFailing(flag);
}

/** What the local area holds under `key`, as stored. */
export function storedLocally(key) {
  return globalThis.chrome.storage.local.raw(key);
}
