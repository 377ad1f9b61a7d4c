#!/usr/bin/env bash
# Build the sandbox image (agentfleet-sandbox:latest) with no container registry:
#   1. import-base.sh: a minimal Debian root filesystem from the packages installed on this machine
#      (python3 + venv and a shell toolset, with their dependency closure, docs stripped), imported as the base;
#   2. build workers/Dockerfile on top of it (pip reaches PyPI through the host network).
# Usage: workers/build-sandbox-image.sh [--if-missing] [--tag IMAGE]
# Debian/Ubuntu only; run as root (missing packages are installed with apt-get).
set -euo pipefail
cd "$(dirname "$0")"

image=agentfleet-sandbox:latest
base=agentfleet-sandbox-base:local
if_missing=0
while [ $# -gt 0 ]; do
  case "$1" in
    --if-missing) if_missing=1 ;;
    --tag) image="$2"; shift ;;
    *) echo "usage: $0 [--if-missing] [--tag IMAGE]" >&2; exit 2 ;;
  esac
  shift
done
if [ "$if_missing" = 1 ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "sandbox image: $image already present"
  exit 0
fi
packages="python3 python3-venv libc-bin dash bash coreutils grep sed findutils diffutils tar gzip ca-certificates"
./import-base.sh "$base" $packages
echo "sandbox image: building $image from workers/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q --network host --build-arg "BASE=$base" -t "$image" . >/dev/null
docker run --rm --network none --user 1000:1000 "$image" python -c "import pytest, coverage; print('sandbox image: ok, pytest', pytest.__version__)"
