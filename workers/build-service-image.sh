#!/usr/bin/env bash
# Build the service image (agentfleet:latest) with no container registry, the way the sandbox image is built:
#   1. import-base.sh: a Debian root filesystem from this machine's packages — python3 + venv, git,
#      bubblewrap — plus redis-server and PostgreSQL, so the same image stands in for redis:7 and
#      postgres:16 where no registry is reachable (deploy/docker-compose.offline.yml);
#   2. build workers/service.Dockerfile on top of it (pip reaches PyPI through the host network).
# Usage: workers/build-service-image.sh [--if-missing] [--tag IMAGE]
#   --if-missing: keep an image already built from these very sources (a label records them)
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
# what the image is built from (the files service.Dockerfile copies): --if-missing rebuilds a stale image
source_id=$(cd .. && find pyproject.toml README.md agentfleet workers beat -type f ! -path '*/__pycache__/*' \
  ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
built_from=$(docker image inspect -f '{{ index .Config.Labels "agentfleet.source" }}' "$image" 2>/dev/null || true)
if [ "$if_missing" = 1 ] && [ "$built_from" = "$source_id" ]; then
  echo "service image: $image already built from these sources ($source_id)"
  exit 0
fi
[ -n "$built_from" ] && echo "service image: $image was built from other sources ($built_from); rebuilding"
postgres=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 | cut -d/ -f5)
packages="python3 python3-venv libc-bin dash bash coreutils grep sed findutils diffutils tar gzip ca-certificates
  git bubblewrap util-linux procps redis-server postgresql-${postgres:-15}"
./import-base.sh "$base" $packages
echo "service image: building $image from workers/service.Dockerfile"
DOCKER_BUILDKIT=0 docker build -q --network host -f service.Dockerfile --build-arg "BASE=$base" \
  --build-arg SANDBOX_PYTHON=/usr/bin/python3 --label "agentfleet.source=$source_id" -t "$image" .. >/dev/null
docker run --rm --network none "$image" --version
