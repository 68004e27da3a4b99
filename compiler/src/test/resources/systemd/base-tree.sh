#!/usr/bin/env bash
# Builds, once per machine, the Debian base tree that the real-systemd tests boot as a container
# (systemd-nspawn --volatile=overlay: the tree itself is never written to, so parallel runs share it).
# Prints the tree's path. Needs root and debootstrap; the packages come from the mirror apt already uses.
#
#   DEPLOYC_SYSTEMD_CACHE  where trees are kept (default /var/cache/deployc-systemd)
#
# The tree is keyed by RECIPE: bump it whenever what goes into the tree changes, and the next run
# builds a fresh one beside the old (which can then be deleted).
set -euo pipefail

RECIPE=1
PACKAGES=systemd,systemd-sysv,dbus,procps   # procps: /bin/kill, for ExecReload=/bin/kill -HUP $MAINPID

cache=${DEPLOYC_SYSTEMD_CACHE:-/var/cache/deployc-systemd}
suite=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)
suite=${suite:-bookworm}
tree=$cache/base-$suite-r$RECIPE

if [ -f "$tree.ok" ]; then echo "$tree"; exit 0; fi

mirror() {
  local m=""
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    m=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources | awk '{print $1; exit}')
  fi
  if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $2 !~ /^\[/ {print $2; exit} $1=="deb" && $2 ~ /^\[/ {print $3; exit}' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || { echo "base-tree.sh: no Debian mirror found in apt's sources" >&2; return 1; }
  echo "$m"
}

command -v debootstrap >/dev/null || { echo "base-tree.sh: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9   # one builder at a time; the others wait and then find it built
if [ -f "$tree.ok" ]; then echo "$tree"; exit 0; fi

work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
url=$(mirror)
echo "base-tree.sh: debootstrap $suite from $url into $tree (about a minute)" >&2
if ! debootstrap --variant=minbase --include="$PACKAGES" "$suite" "$work/root" "$url" > "$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  echo "base-tree.sh: debootstrap failed" >&2
  exit 1
fi
rm -f "$work"/root/var/cache/apt/archives/*.deb
rm -rf "$work"/root/var/lib/apt/lists/* "$work"/root/var/log/journal/*
mkdir -p "$work/root/etc/sysusers.d" "$work/root/etc/sysctl.d"
echo sysdtest > "$work/root/etc/hostname"
rm -rf "$tree"
mv "$work/root" "$tree"
touch "$tree.ok"
echo "$tree"
