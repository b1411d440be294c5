// mlmun's service worker: guides a delegate saved for offline reading, and nothing else.
//
// Each user's saved copies live in their own cache ("mlmun-u<id>"); the page tells the worker who is signed in,
// and every other user's cache is deleted at once (a shared phone, a logout). Nothing is cached unless the
// delegate saved that guide: the reader page (for its published revision), its figures, the page's styles and
// scripts, and the delegate's own notes and bookmarks as the server last sent them. Online, everything comes
// from the network first (and a saved copy is refreshed); offline, from the saved copy. Notes written offline
// are queued by the page (notes.js) and sent when the connection returns: the server stays the only store.
const META = "mlmun-meta";
const PREFIX = "mlmun-u";
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function readJSON(cacheName, key, fallback) {
  const response = await (await caches.open(cacheName)).match(key);
  return response ? response.json() : fallback;
}
async function writeJSON(cacheName, key, value) {
  await (await caches.open(cacheName)).put(key, new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } }));
}
const currentUser = () => readJSON(META, "/__mlmun/user", { user: "" }).then((v) => v.user);
const indexKey = (user) => `/__mlmun/saved/${user}`;

async function setUser(user) {
  if ((await currentUser()) === user) return;
  for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== PREFIX + user) await caches.delete(name);
  const meta = await caches.open(META);
  for (const request of await meta.keys()) if (new URL(request.url).pathname.startsWith("/__mlmun/saved/")) await meta.delete(request);
  await writeJSON(META, "/__mlmun/user", { user });
}

async function save({ user, page, revision, title, urls }) {
  if (!user || user !== (await currentUser())) throw new Error("Log in again to save this guide.");
  const cache = await caches.open(PREFIX + user);
  const unique = [...new Set([page, ...urls])];
  // Fetched now, with the delegate's session; a failed one fails the whole save (no half copies).
  const responses = await Promise.all(unique.map((url) => fetch(url, { credentials: "same-origin", cache: "no-store" })));
  responses.forEach((response, i) => { if (!response.ok) throw new Error(`Could not fetch ${unique[i]} (${response.status}).`); });
  await Promise.all(responses.map((response, i) => cache.put(unique[i], response)));
  const index = await readJSON(META, indexKey(user), {});
  index[page] = { revision, title, savedAt: new Date().toISOString(), urls: unique };
  await writeJSON(META, indexKey(user), index);
  return index[page];
}

async function remove({ user, page }) {
  const index = await readJSON(META, indexKey(user), {});
  const entry = index[page];
  if (entry) {
    const cache = await caches.open(PREFIX + user);
    const still = new Set(Object.entries(index).filter(([p]) => p !== page).flatMap(([, e]) => e.urls));
    for (const url of entry.urls) if (!still.has(url)) await cache.delete(url);
    delete index[page];
    await writeJSON(META, indexKey(user), index);
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (value) => event.ports[0] && event.ports[0].postMessage(value);
  const run = {
    user: () => setUser(data.user || ""),
    save: () => save(data),
    remove: () => remove(data),
    status: async () => {  // saved, and still there (the page may have deleted another user's copy itself)
      const entry = (await readJSON(META, indexKey(data.user || ""), {}))[data.page];
      const name = PREFIX + (data.user || "");
      return entry && (await caches.has(name)) && (await (await caches.open(name)).match(data.page)) ? entry : null;
    },
  }[data.type];
  if (!run) return;
  event.waitUntil(run().then((value) => reply({ ok: true, value }), (error) => reply({ ok: false, error: String(error.message || error) })));
});

function offlinePage(index) {
  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const saved = Object.entries(index).map(([page, entry]) =>
    `<li><a href="${escape(page)}">${escape(entry.title)}</a> (revision ${Number(entry.revision)})</li>`).join("");
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · mlmun</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>You are offline</h1><p>This page is not saved on this device.</p>
${saved ? `<p>Guides saved for offline reading:</p><ul class="saved-guides">${saved}</ul>` : "<p>No guide is saved on this device yet: open a guide while online and choose “Save for offline”.</p>"}
</body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const user = await currentUser();
    // caches.open() would create the cache again after the page deleted it (another user signed in): look first.
    const cache = user && (await caches.has(PREFIX + user)) ? await caches.open(PREFIX + user) : null;
    const key = url.pathname + url.search;
    const saved = cache ? await cache.match(key) : null;
    if (!saved) {  // not saved for offline: the network, as without a worker; offline, say what is saved
      return fetch(request).catch(async (error) => {
        if (request.mode !== "navigate") throw error;
        return offlinePage(user ? await readJSON(META, indexKey(user), {}) : {});
      });
    }
    try {
      const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
      // A fresh copy of a saved address replaces the old one, except the reader page: that follows the
      // published revision and is refreshed by the page (it says so) when a new one is out.
      if (response.ok && request.mode !== "navigate") await cache.put(key, response.clone());
      return response;
    } catch (error) {
      return saved;
    }
  })());
});
