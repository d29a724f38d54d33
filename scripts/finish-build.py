#!/usr/bin/env python3
"""Trunk post-build hook: makes the built index.html work under a strict Content-Security-Policy.

Trunk writes its wasm loader as an inline <script type="module">; a strict policy
(script-src 'self') forbids inline scripts, so the loader is moved into its own file,
boot-<hash>.js. The skeleton's inline <style> stays inline (it must paint before anything
loads) and is allowed by its sha256 hash in style-src.

Runs in Trunk's staging directory (TRUNK_STAGING_DIR); standard library only.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("finish-build.py: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

loaders = re.findall(r'<script type="module"[^>]*>(.*?)</script>', html, flags=re.S)
if len(loaders) != 1:
    sys.exit(f"finish-build.py: expected one inline module script, found {len(loaders)}")
loader = loaders[0]
digest = hashlib.sha256(loader.encode()).hexdigest()[:16]
boot = f"boot-{digest}.js"
with open(os.path.join(staging, boot), "w", encoding="utf-8") as f:
    f.write(loader.strip() + "\n")
html = re.sub(r'<script type="module"[^>]*>.*?</script>',
              f'<script type="module" src="./{boot}"></script>', html, count=1, flags=re.S)

styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
    for s in styles
)
policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
if not policy:
    sys.exit("finish-build.py: no Content-Security-Policy meta tag in index.html")
new_policy = policy.group(1).replace("style-src 'self'", f"style-src 'self' {hashes}", 1)
html = html.replace(policy.group(1), new_policy, 1)

with open(path, "w", encoding="utf-8") as f:
    f.write(html)
