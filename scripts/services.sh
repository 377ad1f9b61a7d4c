#!/usr/bin/env bash
# Start the local services the tests and the demo use, when they are installed but not running:
# the Docker daemon (root only) and the offline sandbox image. Redis is started by whoever needs it.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v dockerd >/dev/null && ! docker info >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "services: starting dockerd"
  (dockerd >/var/log/dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "services: dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
fi
if docker info >/dev/null 2>&1 && [ -x workers/build-sandbox-image.sh ]; then
  workers/build-sandbox-image.sh --if-missing
fi
