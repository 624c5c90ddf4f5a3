// Event Atlas's offline copy. The app's files are cached at install; the world data the page
// loads when a story needs it (world/…) is cached when first fetched. Those requests go to the
// network first, so a new build is seen at once, and fall back to the cache when offline.
// Anything else (tiles from other sites, other files on the same site) is left to the browser.
const CACHE = "event-atlas-@VERSION@";
const APP = ["./", "./index.html", "./event-atlas.js", "./event-atlas_bg.wasm", "./manifest.json"];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(APP)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const path = "./" + url.pathname.slice(scope.pathname.length);
  if (!APP.includes(path) && !path.startsWith("./world/") && path !== "./") return;
  e.respondWith(
    fetch(e.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((c) => c.put(e.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(e.request, { ignoreSearch: true })),
  );
});
