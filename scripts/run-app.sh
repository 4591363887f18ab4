#!/usr/bin/env bash
# Install the runtime dependencies into .venv and start the app on the bundled catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
ensure_venv requirements.txt
exec .venv/bin/streamlit run streamlit_app.py "$@"
