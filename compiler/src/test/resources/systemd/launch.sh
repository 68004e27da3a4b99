#!/bin/sh
# launch.sh ROOT CASE MACHINE CGROUP-DIR...
# Moves itself into the given cgroup directories (one per writable hierarchy, made by the caller so
# that parallel runs never share nspawn's payload/supervisor cgroups), then becomes a time-limited
# systemd-nspawn booting ROOT with a throw-away overlay, CASE bound read-only at /case.
# One SIGTERM halts the container cleanly; `timeout` ends a container whose test runner died.
set -eu
root=$1 case=$2 machine=$3
shift 3
for cg in "$@"; do echo $$ > "$cg/cgroup.procs"; done
SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 exec timeout --kill-after=30 "${DEPLOYC_SYSTEMD_LIFETIME:-900}" \
  systemd-nspawn --quiet -D "$root" --volatile=overlay --private-network \
  --register=no --keep-unit --console=pipe --system-call-filter=bpf \
  --machine="$machine" --bind-ro="$case":/case --boot
