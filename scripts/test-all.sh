#!/usr/bin/env bash
# Install everything (Debian's chromium and a CJK font, the Python test tools) and run
# lint, type checks, import contracts and the whole test suite, browser tests included,
# with a throw-away PostGIS server for the database store (removed when this script ends).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fontconfig >/dev/null
fi
ensure_venv requirements-dev.txt
echo "== PostGIS test server"
bash scripts/pg-test-cluster.sh install
read -r PG_TEST_DIR ECOSITES_TEST_DATABASE_URL < <(bash scripts/pg-test-cluster.sh start)
export ECOSITES_TEST_DATABASE_URL
trap 'bash scripts/pg-test-cluster.sh stop "$PG_TEST_DIR"' EXIT
echo "$ECOSITES_TEST_DATABASE_URL"
echo "== vendored assets"; .venv/bin/python scripts/refresh_vendor.py --check | tail -n 1
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy
echo "== import contracts"; .venv/bin/lint-imports --no-cache
echo "== pytest"; .venv/bin/python -m pytest -p no:cacheprovider "$@"
