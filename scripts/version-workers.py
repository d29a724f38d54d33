#!/usr/bin/env python3
"""Gives every worker of the build a version, so a browser's cache never pairs a page with a
worker from another build. Run by scripts/build.sh after the page builds, before
scripts/offline.py; standard library only.

Trunk names a page's own wasm and glue after their contents, but a worker's three files keep
plain names (candor-sealer_loader.js, candor-sealer.js, candor-sealer_bg.wasm). Where no
service worker keeps the app's files together (a plain-HTTP intranet, a first visit), a
browser may take those from its HTTP cache for days after an update, and a new page would then
talk to an old worker that does not understand it (the answers wait in the outbox until the
cache lets go). So each worker gets a version, the first 16 hex digits of the SHA-256 of its
glue and wasm:
- its loader asks for `<name>.js?v=<version>` and `<name>_bg.wasm?v=<version>`;
- every page carries `<meta name="candor-workers" content="candor-sealer=<version> …">`, from
  which the app starts `<name>_loader.js?v=<version>` (src/storage/browser.rs, `start_worker`).
A worker unchanged by an update keeps its version and stays cached; a changed one is a new
address to every cache, the service worker's too: scripts/offline.py lists the worker's files
under these addresses, so it answers only this build's version from its cache.
"""
import glob
import hashlib
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dist = os.path.join(root, sys.argv[1] if len(sys.argv) > 1 else "dist")

versions = {}
for loader in sorted(glob.glob(os.path.join(dist, "**", "*_loader.js"), recursive=True)):
    folder = os.path.dirname(loader)
    name = os.path.basename(loader)[: -len("_loader.js")]
    glue, wasm = f"{name}.js", f"{name}_bg.wasm"
    digest = hashlib.sha256()
    for part in (glue, wasm):
        with open(os.path.join(folder, part), "rb") as f:
            digest.update(f.read())
    version = digest.hexdigest()[:16]
    if versions.get(name, version) != version:
        sys.exit(f"version-workers.py: two different builds of {name} in {dist}")
    versions[name] = version
    with open(loader, encoding="utf-8") as f:
        text = f.read()
    if "?v=" in text:
        sys.exit(f"version-workers.py: {loader} is versioned already (run it once, after a build)")
    for part in (glue, wasm):
        plain = f'"./{part}"'
        if text.count(plain) != 1:
            sys.exit(f"version-workers.py: {loader} does not name {plain} exactly once")
        text = text.replace(plain, f'"./{part}?v={version}"')
    with open(loader, "w", encoding="utf-8") as f:
        f.write(text)

if not versions:
    sys.exit(f"version-workers.py: no worker loader (*_loader.js) in {dist}")
meta = '<meta name="candor-workers" content="{}">'.format(
    " ".join(f"{name}={version}" for name, version in sorted(versions.items())))
pages = glob.glob(os.path.join(dist, "index.html")) + glob.glob(os.path.join(dist, "*", "index.html"))
for page in pages:
    with open(page, encoding="utf-8") as f:
        html = f.read()
    # After the charset, which must come first (the minified page has no <head> tag).
    html, found = re.subn(r'<meta charset="?utf-8"?>', lambda m: m.group(0) + meta, html,
                          count=1, flags=re.I)
    if not found:
        sys.exit(f"version-workers.py: no <meta charset=utf-8> in {page}")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
print(f"version-workers.py: {len(versions)} workers versioned in {len(pages)} pages: "
      + ", ".join(f"{name} {version}" for name, version in sorted(versions.items())))
