#!/usr/bin/env bash
# Install what agentfleet needs on this machine: system services (Debian/Ubuntu, as root) and the
# package with its dev extras. Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v git >/dev/null || missing+=(git)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v bwrap >/dev/null || missing+=(bubblewrap)
command -v dockerd >/dev/null || missing+=(docker.io)
command -v setpriv >/dev/null || missing+=(util-linux)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)  # the dashboard's headless-browser test
command -v docker-compose >/dev/null || missing+=(docker-compose)  # deploy/docker-compose.yml checks and bring-up
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3 python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) —" \
         "tests that need them will be skipped" >&2
  fi
fi

stamp=.agentfleet/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! python3 -c "import agentfleet" 2>/dev/null; then
  echo "setup: pip install -e '.[dev]'"
  python3 -m pip install -q --disable-pip-version-check -e '.[dev]'
  mkdir -p .agentfleet && touch "$stamp"
fi
