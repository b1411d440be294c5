// Tells the service worker who is signed in (so no one else's saved guides stay on this device), and on a
// guide's page offers "Save for offline": the state is always shown (saved, updating, offline copy in use).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) return;
  const user = document.body.dataset.user || "";

  function ask(message) {
    return navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      (navigator.serviceWorker.controller || registration.active).postMessage(message, [channel.port2]);
    }));
  }

  // Someone else's saved guides go at once, from the page itself (the worker is told too, for its records).
  caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith("mlmun-u") && name !== "mlmun-u" + user)
    .map((name) => caches.delete(name))));
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(() => ask({ type: "user", user })).then(setUp);

  function setUp() {
    const box = document.querySelector(".offline");
    if (!box || !user) return;
    const button = box.querySelector("button");
    const state = box.querySelector(".offline-state");
    const page = location.pathname;
    const revision = Number(box.dataset.revision);
    const title = document.querySelector("h1").textContent.trim();
    const when = (iso) => new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

    function assets() {
      const urls = [box.dataset.notesApi];  // notes and bookmarks come together
      document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach((el) => urls.push(new URL(el.href || el.src, location.href).pathname));
      document.querySelectorAll("article.guide img[src]").forEach((img) => urls.push(new URL(img.src, location.href).pathname));
      return urls.filter((url) => url && url.startsWith("/"));
    }
    function show(entry, note) {
      box.classList.toggle("saved", Boolean(entry));
      if (!navigator.onLine && entry) {
        state.textContent = `You are offline: reading the copy saved on ${when(entry.savedAt)} (revision ${entry.revision}). Notes you write are sent when you are back online.`;
      } else if (entry) {
        state.textContent = (note ? note + " " : "") + `Saved for offline reading (revision ${entry.revision}, ${when(entry.savedAt)}).`;
      } else {
        state.textContent = navigator.onLine ? "Save this guide to read it without a connection." : "You are offline and this guide is not saved on this device.";
      }
      button.textContent = entry ? "Remove the offline copy" : "Save for offline";
      button.disabled = !navigator.onLine;
    }
    async function saveNow(note) {
      state.textContent = "Saving for offline…";
      const result = await ask({ type: "save", user, page, revision, title, urls: assets() });
      if (result.ok) show(result.value, note);
      else state.textContent = "Not saved: " + result.error;
    }
    button.addEventListener("click", async () => {
      const status = await ask({ type: "status", user, page });
      if (status.value) { await ask({ type: "remove", user, page }); show(null); }
      else saveNow();
    });
    window.addEventListener("online", () => ask({ type: "status", user, page }).then((s) => show(s.value)));
    window.addEventListener("offline", () => ask({ type: "status", user, page }).then((s) => show(s.value)));
    ask({ type: "status", user, page }).then((status) => {
      const entry = status.value;
      // A newer revision is published: the saved copy follows it, and says so.
      if (entry && navigator.onLine && entry.revision !== revision) saveNow(`Your offline copy was updated from revision ${entry.revision}.`);
      else show(entry);
    });
  }
})();
