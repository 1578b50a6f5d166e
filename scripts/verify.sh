#!/usr/bin/env bash
# `npm run verify`: from a fresh clone, set up and run every check CI runs:
# typecheck, lint, unit and core tests, then the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"
echo "== Node $(node -p process.version)"
echo "== 类型检查"; npm run -s typecheck
echo "== 代码规范"; npm run -s lint
echo "== 单元与核心测试"; npm test
echo "== 构建界面"; npm run -s build:renderer >/dev/null
echo "== 端到端测试（Chromium）"; npm run -s test:e2e
