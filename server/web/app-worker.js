// Spacerr's service worker, go-app's template with the fixes an offline account page needs:
// install and activate wait for their work (go-app's default does not, so the worker could be
// stopped before the pages and app.wasm are cached, and a first install passed for an update), and a page opened with a query
// (/sign-in?next=/settings) is served from the cached page. Only precached files are answered from
// the cache; everything else goes to the network.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // cache: "reload" skips the HTTP cache, so a new version never precaches an old page.
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key !== cacheName).map((key) => caches.delete(key)));
    // No clients.claim(): the page that installed the first worker is not taken over, which is how
    // go-app's page tells a first install (nothing to announce) from an update ("Reload to update").
    // The next page load is served by the worker.
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // The API never goes through the worker: its answers are never cached, and a request the page
  // makes itself fails the way the page expects when the network is down.
  if (request.method !== "GET" || new URL(request.url).pathname.startsWith("/api/")) {
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request, { ignoreSearch: request.mode === "navigate" });
    return cached || fetch(request);
  })());
});
