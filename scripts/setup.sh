#!/usr/bin/env bash
# Installs the project's npm packages, Node 24 among them (the `node` package), so
# every npm script runs on Node 24 whatever the system Node is. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Electron binary is fetched on first start (scripts/start.sh), never at install:
# offline and CI machines cannot download it, and nothing but the window needs it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== 安装依赖（npm ci）"
  npm ci --no-audit --no-fund
fi
echo "== Node $(node_modules/.bin/node -p process.version)（项目自带）"
