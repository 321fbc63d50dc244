#!/bin/sh
# Debian packages chiso needs beyond Python: fonts with Vietnamese letters for PDF reports
# (fonts-liberation2; v1 lacks them), and for tests Chromium, poppler (PDF pages to PNG) and LibreOffice
# (official reports rendered to PDF).
# Installs only what is missing, and only where it can (root with apt-get).
set -u
want="fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0"
[ "${1:-}" = "test" ] && want="$want chromium poppler-utils libreoffice-writer-nogui"
missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài gói hệ thống:$missing"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 || echo "Không cài được:$missing (bỏ qua)"
else
  echo "Thiếu gói hệ thống:$missing — hãy cài bằng: sudo apt-get install$missing"
fi
exit 0
