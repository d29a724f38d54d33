// Inlined at the top of each page's <head> by scripts/finish-build.py. When the address names
// a team file (`#/take?src=…`, `#/results?src=…`, `#/setup?src=…`), its read starts as the
// page arrives, in parallel with the app's own files, instead of after the wasm has downloaded,
// compiled and started: on a phone network that saves round trips, and for a file on another
// server the connection set-up too. The
// app takes this read for its first request of the same address (src/storage/browser.rs,
// `take_early_read`) with the same options it would use itself; anything unusual (no src, a
// malformed one, the device's own copy) leaves the reading to the app.
{
  const found = /^#\/(?:take|results|setup)\b[^?]*\?(?:[^&]*&)*src=([^&]*)/.exec(location.hash);
  if (found && found[1]) {
    try {
      const url = new URL(decodeURIComponent(found[1]), location.href).href;
      const controller = new AbortController();
      window.candorEarlyRead = {
        url,
        controller,
        reply: fetch(url, { cache: "no-store", signal: controller.signal }),
      };
      // Nobody may take it (the app can decide not to read): an unhandled rejection would
      // only be noise in the console.
      window.candorEarlyRead.reply.catch(() => {});
    } catch {
      // A malformed address: the app reports it in its own words.
    }
  }
}
