#!/usr/bin/env bash
# Build the sandbox image (agentfleet-sandbox:latest) with no container registry:
#   1. assemble a minimal Debian root filesystem from the packages installed on this machine
#      (python3 + venv and a shell toolset, with their dependency closure, docs stripped);
#   2. `docker import` it as the base image;
#   3. build workers/Dockerfile on top of it (pip reaches PyPI through the host network).
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
command -v dpkg-query >/dev/null || { echo "sandbox image: needs a Debian/Ubuntu host (dpkg)" >&2; exit 1; }

packages="python3 python3-venv libc-bin dash bash coreutils grep sed findutils diffutils tar gzip ca-certificates"
missing=()
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "sandbox image: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/usr/{bin,lib,lib64,sbin} "$rootfs"/{etc,tmp,opt,workspace,proc,sys,dev}
for d in bin lib lib64 sbin; do ln -s "usr/$d" "$rootfs/$d"; done
chmod 1777 "$rootfs/tmp"

# Every installed package in the closure of $packages, and the files dpkg says it owns.
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $packages 2>/dev/null | grep -v '^[ <]' | sort -u)
for p in $closure; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" && dpkg-query -L "$p"
done | grep -vE '^/usr/share/(doc|man|info|locale|lintian|bug)/' | sort -u > "$work/files"
tar -C / --no-recursion --ignore-failed-read -cf - -T "$work/files" 2>/dev/null | tar -C "$rootfs" -xf - --keep-directory-symlink

# Identity, name resolution, trust store (the host's, so pip works behind the same TLS proxy), linker cache.
printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$rootfs/etc/pip.conf"
ldconfig -r "$rootfs"

echo "sandbox image: importing $(du -sh "$rootfs" | cut -f1) root filesystem as $base"
tar -C "$rootfs" -cf - . | docker import - "$base" >/dev/null
echo "sandbox image: building $image from workers/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q --network host --build-arg "BASE=$base" -t "$image" . >/dev/null
docker run --rm --network none --user 1000:1000 "$image" python -c "import pytest, coverage; print('sandbox image: ok, pytest', pytest.__version__)"
