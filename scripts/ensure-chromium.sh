#!/usr/bin/env bash
# The e2e tests drive Debian's chromium (Playwright cannot download its own browser here).
# Installs it when missing and we are allowed to (root with apt); otherwise says what to do.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: installing Debian's chromium for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium: install Debian's 'chromium' package or set CHROMIUM_PATH." >&2
exit 1
