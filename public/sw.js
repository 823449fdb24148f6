// Jianbao's service worker: it keeps a copy of every file of the build, so that the app
// opens and works without a network once it has been visited.
//
// `cargo xtask dist` writes the two constants below: VERSION is a hash of the build's
// files and FILES lists them. A new build therefore has a different sw.js, the browser
// installs it beside the old one, and the new worker takes over at once; the page then
// shows "新版本已就绪，刷新即可使用" and the next load uses the new files.

const VERSION = 'unbuilt';
const FILES = [];
const CACHE = `jianbao-${VERSION}`;

// On install, every file of the build is fetched and stored; the worker does not wait
// for the old one's pages to close.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

// On activate, the caches of earlier builds are deleted and open pages are taken over.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith('jianbao-') && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Cache first: a stored file is answered from the cache; anything else goes to the
// network, and a page load that finds no network gets the stored index.html.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const stored = await cache.match(request, { ignoreSearch: true });
      if (stored) return stored;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const index = await cache.match('./index.html');
          if (index) return index;
        }
        throw error;
      }
    }),
  );
});
