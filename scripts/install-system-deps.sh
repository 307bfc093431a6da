#!/usr/bin/env bash
# The Debian packages jixiao uses outside npm, installed only when missing:
#   chromium          prints PDFs (jixiao render --format pdf) — headless, from the generated HTML
#   fonts-noto-cjk    Chinese glyphs for those PDFs (and for LibreOffice)
#   poppler-utils     pdftotext / pdftoppm / pdfinfo: tests read generated PDFs back
#   libreoffice-writer-nogui, libreoffice-calc-nogui
#                     tests check that generated DOCX and XLSX open (soffice --convert-to pdf)
# Needs root (apt-get). Prints what it installs; does nothing when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list :lang=zh family 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
if command -v soffice >/dev/null 2>&1 && ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 && ! dpkg -s libreoffice-calc >/dev/null 2>&1; then need+=(libreoffice-calc-nogui); fi
if [ ${#need[@]} -eq 0 ]; then
  echo "system tools: all present (chromium, poppler-utils, fonts-noto-cjk, libreoffice)"
  exit 0
fi
echo "installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "installed: ${need[*]}"
