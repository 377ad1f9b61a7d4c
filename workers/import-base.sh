#!/usr/bin/env bash
# Import a minimal Debian base image built from the packages installed on THIS machine, with no registry:
#   1. the dependency closure of PACKAGES (installed with apt-get when missing), the files dpkg says they own,
#      docs stripped, copied into a root filesystem;
#   2. identity, name resolution and the host's trust store (so pip works behind the same TLS proxy);
#   3. `docker import` as TAG.
# Usage: workers/import-base.sh TAG PACKAGE...   (Debian/Ubuntu only; run as root)
# Used by build-sandbox-image.sh and build-service-image.sh.
set -euo pipefail
tag=${1:?usage: $0 TAG PACKAGE...}
shift
[ $# -gt 0 ] || { echo "usage: $0 TAG PACKAGE..." >&2; exit 2; }
packages="$*"
command -v dpkg-query >/dev/null || { echo "base image: needs a Debian/Ubuntu host (dpkg)" >&2; exit 1; }

missing=()
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "base image: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/usr/{bin,lib,lib64,sbin} "$rootfs"/{etc,tmp,opt,workspace,proc,sys,dev,run,var/tmp}
for d in bin lib lib64 sbin; do ln -s "usr/$d" "$rootfs/$d"; done
chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"

# Every installed package in the closure of $packages, and the files dpkg says it owns.
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $packages 2>/dev/null | grep -v '^[ <]' | sort -u)
for p in $closure; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" && dpkg-query -L "$p"
done | grep -vE '^/usr/share/(doc|man|info|locale|lintian|bug)/' | sort -u > "$work/files"
tar -C / --no-recursion --ignore-failed-read -cf - -T "$work/files" 2>/dev/null | tar -C "$rootfs" -xf - --keep-directory-symlink

printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/root"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$rootfs/etc/pip.conf"
ldconfig -r "$rootfs"

echo "base image: importing $(du -sh "$rootfs" | cut -f1) root filesystem as $tag"
tar -C "$rootfs" -cf - . | docker import - "$tag" >/dev/null
