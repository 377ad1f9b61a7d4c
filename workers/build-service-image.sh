#!/usr/bin/env bash
# Build the service image (agentfleet:latest) with no container registry, the way the sandbox image is built:
#   1. import-base.sh: a Debian root filesystem from this machine's packages — python3 + venv, git,
#      bubblewrap — plus redis-server and PostgreSQL, so the same image stands in for redis:7 and
#      postgres:16 where no registry is reachable (deploy/docker-compose.offline.yml);
#   2. build workers/service.Dockerfile on top of it (pip reaches PyPI through the host network).
# Usage: workers/build-service-image.sh [--if-missing] [--tag IMAGE]
# Debian/Ubuntu only; run as root (missing packages are installed with apt-get).
set -euo pipefail
cd "$(dirname "$0")"

image=agentfleet:latest
base=agentfleet-service-base:local
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
  echo "service image: $image already present"
  exit 0
fi
postgres=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 | cut -d/ -f5)
packages="python3 python3-venv libc-bin dash bash coreutils grep sed findutils diffutils tar gzip ca-certificates
  git bubblewrap util-linux procps redis-server postgresql-${postgres:-15}"
./import-base.sh "$base" $packages
echo "service image: building $image from workers/service.Dockerfile"
DOCKER_BUILDKIT=0 docker build -q --network host -f service.Dockerfile --build-arg "BASE=$base" \
  --build-arg SANDBOX_PYTHON=/usr/bin/python3 -t "$image" .. >/dev/null
docker run --rm --network none "$image" --version
