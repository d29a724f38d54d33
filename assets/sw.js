// Candor's service worker: a phone that opened Candor once opens it again without a network.
//
// scripts/offline.py writes dist/sw.js from this file after the three page builds, filling in
// VERSION (a hash of every built file) and SHELL (their paths, relative to this file). A new
// build is a new sw.js, so the browser installs it beside the old one; the pages then say
// "a new version is ready" and it takes over when the person reloads (or when every Candor tab
// has closed), never in the middle of someone's answers.
//
// Two kinds of requests are answered here, nothing else is touched:
// - the app's own files (the shell): from the cache, which holds files of exactly one build.
//   Installing fetches only the respondent page (what every phone needs); the results and
//   set-up pages are kept the first time they are opened, so a phone that only answers never
//   downloads them;
// - team files, read by the app with `cache: "no-store"`: from the network, and from the
//   last copy read when the network fails, marked with a `Candor-Offline-Copy` header so the
//   pages can say that newer answers may exist. Serving that copy keeps the write protocol safe:
//   it carries the ETag it was read with, so a write based on it succeeds only if the file
//   has not changed since, and is refused (and merged again) otherwise.
"use strict";

const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const SHELL_CACHE = "candor-shell-" + VERSION;
const FILES_CACHE = "candor-team-files";
// Team files kept for offline use (the most recently read ones).
const MAX_FILES = 5;

const base = new URL("./", self.location.href);
const shellUrls = new Set(SHELL.map((path) => new URL(path, base).href));

// The respondent page's files: everything outside the other pages' folders, and none of the
// other pages' texts (lang/<code>.<part>.json other than the survey page's .take.json, e.g.
// lang/<code>.results.json): they are cached when a page first uses them.
const CORE = SHELL.filter((path) => !path.startsWith("results/") && !path.startsWith("setup/")
  && !(/^lang\/[^/]+\.[a-z]+\.json$/.test(path) && !path.endsWith(".take.json")));

self.addEventListener("install", (event) => {
  // Past the HTTP cache, which could still hold a file of the build before (the pages'
  // code is named after its contents, their HTML and texts are not).
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) =>
    cache.addAll(CORE.map((path) => new Request(path, { cache: "no-cache" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names
          .filter((name) => name.startsWith("candor-shell-") && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      ),
    ),
  );
});

// The page asks for the waiting version to take over once the person chose to reload.
self.addEventListener("message", (event) => {
  if (event.data === "candor:activate") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate" && url.origin === base.origin) {
    // A page of the app, whatever its query: the cached page of that folder.
    url.search = "";
    const page = url.pathname.endsWith("/") ? url.href + "index.html" : url.href;
    if (shellUrls.has(page)) {
      event.respondWith(fromShell(page, request));
    }
    return;
  }
  // A worker's files are listed with their build's version (`?v=…`, scripts/version-workers.py),
  // so only that version is answered from here; another build's goes to the network.
  if (shellUrls.has(url.href)) {
    event.respondWith(fromShell(url.href, request));
    return;
  }
  if (request.cache === "no-store" && request.destination === "") {
    event.respondWith(teamFile(request));
  }
});

async function fromShell(href, request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(href);
  if (cached) {
    return cached;
  }
  // A page's texts are fetched when first used, after the install: past the HTTP cache too
  // (the page asks with `no-cache`), which could hold the build before's copy under the same
  // name; kept here, it would stay for this whole version.
  const response = await fetch(request);
  // Only a complete, plain answer is kept (a navigation may be redirected).
  if (response.ok && response.status === 200 && !response.redirected) {
    await cache.put(href, response.clone());
  }
  return response;
}

async function teamFile(request) {
  const cache = await caches.open(FILES_CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const copy = await cache.match(request.url);
    if (copy) {
      // Marked, so the page can say that newer answers may exist.
      const headers = new Headers(copy.headers);
      headers.set("Candor-Offline-Copy", "1");
      return new Response(copy.body, { status: copy.status, statusText: copy.statusText, headers });
    }
    throw error;
  }
  if (response.ok && (await isTeamFile(response.clone()))) {
    await cache.put(request.url, response.clone());
    await forgetOldest(cache);
  }
  return response;
}

async function isTeamFile(response) {
  try {
    const text = await response.text();
    return text.trimStart().startsWith("{") && text.includes('"candor-survey"');
  } catch (error) {
    return false;
  }
}

async function forgetOldest(cache) {
  const keys = await cache.keys();
  // Cache keys keep insertion order; a file read again moves to the end (put replaces it).
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_FILES))) {
    await cache.delete(key);
  }
}
