#!/usr/bin/env bash
# Debian packages the tests use: Chromium and CJK fonts for the end-to-end tests;
# LibreOffice, poppler and openpyxl to read exported files with programs other than ours.
# Installed only when missing, and only where apt-get can run (root or sudo).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need+=(python3-openpyxl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "缺少系统软件包：${need[*]}。请用管理员权限运行：apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "== 安装系统软件包：${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
