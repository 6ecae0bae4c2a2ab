#!/usr/bin/env bash
# Installs what the real-client tests (pytest -m realclient) need, and nothing when it is there:
# Debian's LibreOffice Calc, Chromium, poppler-utils, the DejaVu fonts and Carlito (metric-compatible
# with Calibri, the workbook's font: page counts depend on the font), the fi_FI.UTF-8 locale; then
# axe-core and puppeteer-core from the lock file in tests/realclients (no browser is downloaded:
# the tests drive /usr/bin/chromium).
# Needs root for apt-get and locale-gen (CI runs as root). Quiet unless something fails.
# Usage: scripts/install-realclients.sh
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo > /dev/null; then
    sudo "$@"
  else
    echo "install-realclients: '$*' needs root" >&2
    return 1
  fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

missing=()
for pkg in libreoffice-calc chromium locales poppler-utils fonts-dejavu-core fonts-crosextra-carlito; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# node and npm may come from elsewhere than Debian's packages (the image's own npm): only a
# missing command is installed.
command -v node > /dev/null || missing+=(nodejs)
command -v npm > /dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  if ! {
    as_root apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"
  } > "$log" 2>&1; then
    cat "$log" >&2
    echo "install-realclients: could not install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! locale -a 2> /dev/null | grep -qix 'fi_FI\.utf-\?8'; then
  if grep -q '^# *fi_FI.UTF-8 UTF-8' /etc/locale.gen; then
    as_root sed -i 's/^# *fi_FI.UTF-8 UTF-8/fi_FI.UTF-8 UTF-8/' /etc/locale.gen
  elif ! grep -q '^fi_FI.UTF-8 UTF-8' /etc/locale.gen; then
    echo 'fi_FI.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen > /dev/null
  fi
  as_root locale-gen > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi

# npm ci only when the lock file changed since the last install (it empties node_modules).
lock=tests/realclients/package-lock.json
stamp=tests/realclients/node_modules/.digivisio-lock.sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  if ! (cd tests/realclients && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent) > "$log" 2>&1; then
    cat "$log" >&2
    echo "install-realclients: npm ci failed in tests/realclients" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
