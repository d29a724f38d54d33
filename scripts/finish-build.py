#!/usr/bin/env python3
"""Trunk post-build hook: minifies the wasm-bindgen glue, shortens the names the wasm imports
from it, and makes the built index.html work under a strict Content-Security-Policy.

The glue JavaScript is not minified by Trunk; terser (installed by scripts/setup.sh) halves it,
and its Subresource Integrity hash in index.html is updated to match.

wasm-bindgen names each function the wasm imports from its glue after what it calls and a
hash (`__wbg_getItem_8f1d5b7e0c2a4d6f`), about 33 bytes each, 170 to 220 of them per page,
written twice (in the wasm's import section and as keys in the glue) and hardly compressible
(the hashes are random), each with its module's name (`./candor-web_bg.js`). Both sides are
renamed to short names (`a`, `b`, … `ab`): about 4 kB less per page, brotli. The rename is
checked: each name must be a key exactly once in its glue, or the build stops.

Trunk writes its wasm loader as an inline <script type="module">; a strict policy
(script-src 'self') forbids inline scripts, so the loader is moved into its own file,
boot-<hash>.js, before the service worker's registration (assets/register-sw.js). The team
file's early read (assets/early-read.js) is the one inline script, allowed by its sha256 hash
in script-src. The skeleton's inline <style> stays inline (it must paint before anything
loads) and is allowed by its sha256 hash in style-src.

Runs in Trunk's staging directory (TRUNK_STAGING_DIR); standard library only.
"""
import base64
import glob
import hashlib
import json
import os
import re
import itertools
import shutil
import string
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("finish-build.py: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

# The release build's HTML minifier drops the quotes: type=module.
LOADER = r'<script type="?module"?>(.*?)</script>'


def csp_hash(text):
    """A Content-Security-Policy source that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def leb128(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_leb128(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def rename_imports(wasm, rename, rename_module):
    """The wasm module `wasm` (bytes) with each import's field name replaced by rename(name)
    and its module's by rename_module(module); also returns the field names in order. Only
    the import section changes (binary format 1.0: each import is a module name, a field name
    and its kind)."""
    if wasm[:8] != b"\0asm\x01\0\0\0":
        sys.exit("finish-build.py: not a wasm module")
    out, at, names = bytearray(wasm[:8]), 8, []
    while at < len(wasm):
        section = wasm[at]
        size, body = read_leb128(wasm, at + 1)
        end = body + size
        if section != 2:
            out += wasm[at:end]
            at = end
            continue
        count, p = read_leb128(wasm, body)
        payload = bytearray(leb128(count))
        for _ in range(count):
            length, p = read_leb128(wasm, p)
            module = rename_module(wasm[p:p + length].decode()).encode()
            p += length
            length, p = read_leb128(wasm, p)
            name = wasm[p:p + length].decode()
            p += length
            start = p
            kind = wasm[p]
            p += 1
            if kind == 0:  # a function: its type's index
                _, p = read_leb128(wasm, p)
            elif kind in (1, 2):  # a table (element type first) or a memory: its limits
                p += 1 if kind == 1 else 0
                flags = wasm[p]
                if flags & ~0x07:
                    sys.exit(f"finish-build.py: limits of an unknown form ({flags:#x})")
                _, p = read_leb128(wasm, p + 1)
                if flags & 1:
                    _, p = read_leb128(wasm, p)
            elif kind == 3:  # a global: its type (one byte: a number or plain reference) and mutability
                if wasm[p] in (0x63, 0x64):
                    sys.exit("finish-build.py: a global of a typed reference, which this does not read")
                p += 2
            elif kind == 4:  # a tag: its attribute and type
                _, p = read_leb128(wasm, p + 1)
            else:
                sys.exit(f"finish-build.py: an import of unknown kind {kind}")
            names.append(name)
            new = rename(name).encode()
            payload += leb128(len(module)) + module + leb128(len(new)) + new + wasm[start:p]
        if p != end:
            sys.exit("finish-build.py: the import section did not read to its end")
        out += bytes([2]) + leb128(len(payload)) + payload
        at = end
    return bytes(out), names


def short_names():
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_letters, repeat=size):
            yield "".join(letters)


def shorten_imports(glue, wasm_path):
    """Renames the wasm's imports and their keys in the glue (a file path) alike."""
    with open(wasm_path, "rb") as f:
        wasm = f.read()
    with open(glue, encoding="utf-8") as f:
        js = f.read()
    fresh = short_names()
    mapping = {}

    def short(name):
        if name not in mapping:
            mapping[name] = next(fresh)
        return mapping[name]

    modules = {}

    def short_module(module):
        if module not in modules:
            modules[module] = next(fresh)
        return modules[module]

    renamed, names = rename_imports(wasm, short, short_module)
    # The glue gives each module's imports as one object, keyed by the module's name.
    for module, new in modules.items():
        key = json.dumps(module) + ":"
        if js.count(json.dumps(module)) != 1 or js.count(key) != 1:
            sys.exit(f"finish-build.py: the module {module} is not a key exactly once in {glue}")
        js = js.replace(key, new + ":", 1)
    for name in names:
        used = re.findall(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])(\s*:)?", js)
        if len(used) != 1 or not used[0]:
            sys.exit(f"finish-build.py: {name} is not a key exactly once in {glue}")
        js = re.sub(r"(?<![\w$])" + re.escape(name) + r"(?=\s*:)", mapping[name], js, count=1)
    with open(wasm_path, "wb") as f:
        f.write(renamed)
    with open(glue, "w", encoding="utf-8") as f:
        f.write(js)
    return wasm, renamed


terser = shutil.which("terser")
if not terser:
    sys.exit("finish-build.py: terser is not on PATH (run scripts/setup.sh)")
for glue in glob.glob(os.path.join(staging, "candor-*.js")):
    with open(glue, "rb") as f:
        old_hash = sri(f.read())
    wasm_path = glue[: -len(".js")] + "_bg.wasm"
    if os.path.exists(wasm_path):
        old_wasm, new_wasm = shorten_imports(glue, wasm_path)
        html = html.replace(sri(old_wasm), sri(new_wasm))
    # A worker's glue (the one with a `_loader.js` shim beside it: the results page's drawing
    # worker and reader, the respondent page's sealer) is a classic script that defines the
    # global `wasm_bindgen` its loader calls: minified as a script, so that name stays (as a
    # module, terser drops it as unused, and the worker never starts).
    worker = os.path.exists(glue[: -len(".js")] + "_loader.js")
    mode = [] if worker else ["--module"]
    subprocess.run([terser, glue, *mode, "--compress", "--mangle", "-o", glue], check=True)
    with open(glue, "rb") as f:
        new_hash = sri(f.read())
    if old_hash in html:
        html = html.replace(old_hash, new_hash)

loaders = re.findall(LOADER, html, flags=re.S)
if len(loaders) != 1:
    sys.exit(f"finish-build.py: expected one inline module script, found {len(loaders)}")
loader = loaders[0]
assets = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
# The service worker's registration and update offer (assets/register-sw.js). The respondent
# page (candor-web) is at the app's root; the other pages are one folder down.
at_root = bool(glob.glob(os.path.join(staging, "candor-web-*.js")))
with open(os.path.join(assets, "register-sw.js"), encoding="utf-8") as f:
    register = f.read().replace('"APP_ROOT"', '"./"' if at_root else '"../"')
script = loader.strip() + "\n" + register
# Named after all it holds, so a change to any part is a new file to every cache.
boot = f"boot-{hashlib.sha256(script.encode()).hexdigest()[:16]}.js"
with open(os.path.join(staging, boot), "w", encoding="utf-8") as f:
    f.write(script)
subprocess.run([terser, os.path.join(staging, boot), "--module", "--compress", "--mangle",
                "-o", os.path.join(staging, boot)], check=True)
html = re.sub(LOADER, lambda _: f'<script type="module" src="./{boot}"></script>', html,
              count=1, flags=re.S)

# The team file's early read (assets/early-read.js) is inline, at the top of <head>: it runs
# as the HTML arrives, before any stylesheet (a script after one would wait for it) and a
# round trip before any script file could. Allowed by its sha256 hash in script-src.
early_read = subprocess.run([terser, os.path.join(assets, "early-read.js"), "--compress",
                             "--mangle"], check=True, capture_output=True, text=True).stdout.strip()
if "</title>" not in html:
    sys.exit("finish-build.py: no </title> in index.html to put the early read after")
html = html.replace("</title>", f"</title><script>{early_read}</script>", 1)
script_hash = csp_hash(early_read)

styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
hashes = " ".join(csp_hash(s) for s in styles)
policy = re.search(r'content="([^"]*)"\s+http-equiv="?Content-Security-Policy"?', html) or \
    re.search(r'http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"', html)
if not policy:
    sys.exit("finish-build.py: no Content-Security-Policy meta tag in index.html")
new_policy = policy.group(1).replace("style-src 'self'", f"style-src 'self' {hashes}", 1)
if "script-src 'self'" not in new_policy:
    sys.exit("finish-build.py: the Content-Security-Policy has no script-src 'self' to extend")
new_policy = new_policy.replace("script-src 'self'", f"script-src 'self' {script_hash}", 1)
html = html.replace(policy.group(1), new_policy, 1)

with open(path, "w", encoding="utf-8") as f:
    f.write(html)

# The language files (assets/lang/<code>.json, copied into lang/ beside the respondent page)
# hold every page's texts; each page needs only its own, so each file is split by the first
# part of its keys ("take.…", "results.…") into lang/<code>.<part>.json, and a phone answering
# a survey downloads none of the results page's texts.
#
# A page that draws with another page's texts gets them in its own part too, so it fetches
# one file: the organisation page's pooled view (drawn in the reader worker, src/dashboard/
# org.rs) writes its decimals, percentages and names with the results page's texts, so
# lang/<code>.org.json also carries every "results." key. Only a part the file has is
# extended (a language without the organisation page's texts has no org part, and that page
# stays in English rather than mixing languages). Every page says what went wrong with a team
# file, its server or the device in the same words ("error." keys, src/i18n/messages/
# error.rs): each page's part carries them, and they have no file of their own. The set-up
# page's desk (its worker, which draws the cards) reads its words ("desk." keys) from the
# set-up page's part, which the page hands it.
ALSO_CARRIES = {
    "take": ["error"],
    "results": ["error"],
    "setup": ["error", "desk"],
    "org": ["results", "error"],
}
SHARED_ONLY = {"error", "desk"}

# Each catalog in a built file is a list of its texts in the program's order (null where the
# language has none), with that order's fingerprint, not an object of keys and texts: the
# pages' wasm then carries no keys (about 1 kB brotli a page), and the files are smaller. The
# order is read from the catalogs' sources, src/i18n/messages/<part>.rs, a line per text
# (`Variant = "part.key": "English",`); a native test (i18n::tests) reads them the same way
# and checks it gives each catalog's keys. The fingerprint is the program's `i18n::order_of`
# (FNV-1a over each key and a line feed): a page uses a part only if it matches, so a file of
# another build can never put a text in another's place.
CATALOG_LINE = re.compile(r'^\s*[A-Z][A-Za-z0-9]* = "([a-z]+)\.([a-z0-9_.]+)":', re.M)


def catalog_orders():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    orders = {}
    for source in sorted(glob.glob(os.path.join(root, "src", "i18n", "messages", "*.rs"))):
        with open(source, encoding="utf-8") as f:
            for found in CATALOG_LINE.finditer(f.read()):
                orders.setdefault(found.group(1), []).append(f"{found.group(1)}.{found.group(2)}")
    if sorted(orders) != sorted(set(ALSO_CARRIES) | SHARED_ONLY):
        sys.exit(f"finish-build.py: catalogs read from src/i18n/messages: {sorted(orders)}")
    return orders


def order_of(keys):
    value = 0x811C9DC5
    for key in keys:
        for byte in key.encode("utf-8") + b"\n":
            value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


languages = os.path.join(staging, "lang")
if os.path.isdir(languages):
    orders = catalog_orders()
    for source in glob.glob(os.path.join(languages, "*.json")):
        name = os.path.basename(source)
        if name.count(".") != 1:
            continue
        with open(source, encoding="utf-8") as f:
            whole = json.load(f)
        messages = whole["messages"]
        for key in messages:
            part = key.split(".", 1)[0]
            if key not in orders.get(part, []):
                sys.exit(f"finish-build.py: {name} has a text for {key}, which no catalog has")
        present = {key.split(".", 1)[0] for key in messages}
        for part, others in ALSO_CARRIES.items():
            # Only a part the file has is written (a language without the organisation page's
            # texts has no org file, and that page stays in English rather than mixing).
            if part not in present:
                continue
            built = {"language": whole["language"]}
            for catalog in [part, *others]:
                keys = orders[catalog]
                built[catalog] = {
                    "order": order_of(keys),
                    "texts": [messages.get(key) for key in keys],
                }
            target = os.path.join(languages, f"{name[:-5]}.{part}.json")
            with open(target, "w", encoding="utf-8") as f:
                json.dump(built, f, ensure_ascii=False, separators=(",", ":"))
        os.remove(source)
