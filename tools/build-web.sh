#!/usr/bin/env bash
# Builds Event Atlas for the browser into target/web/ (under $CARGO_TARGET_DIR if set): index.html, the app (event-atlas.js and
# event-atlas_bg.wasm), the service worker that keeps it for offline use, and the world data
# the page fetches when a story needs it. Serve the folder with any static server:
#
#     tools/build-web.sh && python3 -m http.server -d target/web 8080
#
# It installs what it needs: the wasm32 target (with rustup) and wasm-bindgen-cli at the
# version Cargo.lock pins (with cargo). The build is incremental (target/wasm32-unknown-unknown).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
out=$target/web
wasm=$target/wasm32-unknown-unknown/release/event-atlas.wasm
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)

if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$version" ]; then
    echo "installing wasm-bindgen-cli $version (the version Cargo.lock pins)"
    # --locked first; a registry mirror may lack one of its locked dependencies.
    cargo install wasm-bindgen-cli --version "$version" --locked ||
        cargo install wasm-bindgen-cli --version "$version"
fi

cargo build --release --target wasm32-unknown-unknown --bin event-atlas

rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
cp web/index.html web/manifest.json "$out/"
# The service worker's cache is named for this build, so a new build replaces the old copy.
stamp=$(sha256sum "$out/event-atlas_bg.wasm" | cut -c1-12)
sed "s/@VERSION@/$stamp/" web/sw.js >"$out/sw.js"
mkdir -p "$out/world"
cp data/world/gazetteer.bin "$out/world/"

gz() { gzip -9 -c "$1" | wc -c; }
first=$(($(gz "$out/event-atlas_bg.wasm") + $(gz "$out/event-atlas.js") + $(gz "$out/index.html") + $(gz "$out/sw.js")))
echo "built $out: first download $((first / 1024)) KB compressed (gzip -9);" \
    "world gazetteer fetched when needed: $(($(gz "$out/world/gazetteer.bin") / 1024)) KB"
