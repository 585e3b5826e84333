#!/bin/sh
# Runs its arguments with a Node.js that can run lichtruc first on PATH, then `exec`s them, so signals (Ctrl-C, a
# SIGINT that npm forwards) reach the program itself.
#
# lichtruc runs its TypeScript directly (type stripping) and keeps its data in node:sqlite: both need Node >= 22.18.
# Many machines ship Node 20. There, the npm registry's `node` package brings Node 24 into a cache outside the work
# tree, once (about 40 MB); later runs reuse it. LICHTRUC_NODE_PREFIX chooses the cache folder.
set -eu

recent() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 18) ? 0 : 1)' 2>/dev/null
}

if ! recent; then
  prefix="${LICHTRUC_NODE_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/lichtruc/node24}"
  if [ ! -x "$prefix/node_modules/node/bin/node" ]; then
    echo "lichtruc: Node $(node --version 2>/dev/null || echo '(none)') cannot run lichtruc (it needs 22.18 or newer); installing Node 24 into $prefix, once ..." >&2
    if ! npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error node@24 >&2; then
      echo "lichtruc: could not install Node 24 into $prefix. Install Node.js 22.18 or newer (Node 24 LTS recommended), or set LICHTRUC_NODE_PREFIX to a writable folder, and run the command again." >&2
      exit 1
    fi
  fi
  PATH="$prefix/node_modules/node/bin:$PATH"
  export PATH
fi

exec "$@"
