#!/usr/bin/env python3
"""Makes the built app installable and usable offline: writes dist/manifest.webmanifest and
dist/sw.js (from assets/sw.js) with the list of every built file and a version hash of their
contents. Run by scripts/build.sh after the three page builds; standard library only.

Every build with any changed byte gets a new version, so browsers install the new service
worker and the pages offer to reload into it (assets/register-sw.js).
"""
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dist = os.path.join(root, sys.argv[1] if len(sys.argv) > 1 else "dist")

icons = sorted(glob.glob(os.path.join(dist, "favicon-*.svg")))
if not icons:
    sys.exit("offline.py: no favicon in dist/ (run the page builds first)")
manifest = {
    "name": "Candor: anonymous team pulse",
    "short_name": "Candor",
    "description": "Anonymous team pulse surveys on psychological safety and alignment, with honest trends.",
    "start_url": "./",
    "scope": "./",
    "display": "standalone",
    "background_color": "#f7f7f5",
    "theme_color": "#1f5f99",
    "icons": [
        {
            "src": os.path.basename(icons[0]),
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "any",
        }
    ],
}
with open(os.path.join(dist, "manifest.webmanifest"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")

shell = []
for folder, _, files in os.walk(dist):
    for name in files:
        path = os.path.relpath(os.path.join(folder, name), dist).replace(os.sep, "/")
        if path != "sw.js":
            shell.append(path)
shell.sort()
# A worker's files are asked for with their build's version (scripts/version-workers.py wrote
# it into each loader, and the pages start the loader with it): listed, and so cached and
# matched, under exactly those addresses. A page of another build asks for another version,
# which this cache does not answer: it goes to the network, never to this build's worker.
versioned = {}
for path in shell:
    if path.endswith("_loader.js"):
        with open(os.path.join(dist, path), encoding="utf-8") as f:
            found = re.search(r'_bg\.wasm\?v=([0-9a-f]+)"', f.read())
        if not found:
            sys.exit(f"offline.py: {path} names no versioned wasm (run scripts/version-workers.py)")
        stem = path[: -len("_loader.js")]
        for part in (f"{stem}_loader.js", f"{stem}.js", f"{stem}_bg.wasm"):
            versioned[part] = f"{part}?v={found.group(1)}"
digest = hashlib.sha256()
for path in shell:
    digest.update(path.encode() + b"\0")
    with open(os.path.join(dist, path), "rb") as f:
        digest.update(f.read())
version = digest.hexdigest()[:16]
shell = [versioned.get(path, path) for path in shell]

with open(os.path.join(root, "assets", "sw.js"), encoding="utf-8") as f:
    worker = f.read()
for placeholder, value in (("__VERSION__", version), ("__SHELL__", json.dumps(shell))):
    if placeholder not in worker:
        sys.exit(f"offline.py: {placeholder} not found in assets/sw.js")
    worker = worker.replace(placeholder, value, 1)
out = os.path.join(dist, "sw.js")
with open(out, "w", encoding="utf-8") as f:
    f.write(worker)
# Minified like the pages' scripts (terser: see scripts/setup.sh); comments stay in assets/.
terser = shutil.which("terser")
if not terser:
    sys.exit("offline.py: terser is not on PATH (run scripts/setup.sh)")
subprocess.run([terser, out, "--compress", "--mangle", "-o", out], check=True)
print(f"offline.py: sw.js version {version}, {len(shell)} files cached")
