#!/usr/bin/env bash
# Builds the local test image localhost/aerie-test:1 (busybox rootfs) unless it already exists.
# No registry is reachable on these machines, so the image is imported from a tarball.
set -euo pipefail
image=${1:-localhost/aerie-test:1}
if podman image exists "$image"; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp" "$work/rootfs/home/container"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in $("$work/rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$work/rootfs/bin/$applet"
done
chmod 1777 "$work/rootfs/tmp"
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
podman import --change 'WORKDIR /home/container' --change 'CMD ["/bin/sh"]' "$work/rootfs.tar" "$image" >/dev/null
echo "built $image" >&2
