#!/usr/bin/env bash
# Render page 1 of the bundled ledger's 2023 notice as Word → PDF → PNG (docs/summary-docx-page1.png).
# The GB2312 fonts are rarely installed on Linux: fontconfig maps them to Noto Serif/Sans CJK
# for this picture only.  Needs LibreOffice and poppler (installed by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r targets "$tmp/targets"
printf '\n[summary]\nrecipients = "各村（社区）、镇直各单位"\nissuer = "张桥镇党政办公室"\n' >>"$tmp/targets/plancheck.toml"
PLANCHECK_TODAY=2024-01-10 plancheck summary --ledger "$tmp/targets" --year 2023 -f docx -o "$tmp/notice.docx"
cat >"$tmp/fonts.conf" <<'CONF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
CONF
FONTCONFIG_FILE="$tmp/fonts.conf" soffice "-env:UserInstallation=file://$tmp/profile" --headless \
  --convert-to pdf --outdir "$tmp" "$tmp/notice.docx" >/dev/null
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$tmp/notice.pdf" docs/summary-docx-page1
echo "docs/summary-docx-page1.png"
