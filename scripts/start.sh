#!/usr/bin/env bash
# `npm start`: set up, build, and start the app. The Electron window where its
# binary is installed or can be fetched; otherwise the same UI in a browser over
# the local HTTP harness, with a seeded demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

echo "== 构建界面"
npm run -s build:renderer >/dev/null

electron_ready() { [ -f node_modules/electron/path.txt ] && [ -e "node_modules/electron/dist/$(cat node_modules/electron/path.txt)" ]; }
if ! electron_ready && [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" != "1" ]; then
  echo "== 下载 Electron（仅首次）"
  node node_modules/electron/install.js >/dev/null 2>&1 || true
fi

if electron_ready; then
  npm run -s build:electron
  exec electron .
fi

cat <<'MSG'
== 本机没有 Electron 程序文件（离线或受限网络下无法下载），改为在浏览器中运行同一界面。
   The Electron binary is not installed here (it cannot be downloaded on this
   machine), so the same UI is served to your browser over a local, token-protected
   HTTP harness, on the demo database (.demo/demo.db, seeded with a league) unless --db names another.
MSG
exec tsx scripts/harness.ts "$@"
