#!/usr/bin/env bash
# Becomes one simulated host: runs inside its own network namespace and a private mount and UTS
# namespace (ip netns exec NS unshare --mount --uts --propagation private hostinit.sh ...), mounts
# the host's own /opt, /root, /etc/ssh, /etc/systemd/system, /etc/sysctl.d, /etc/sysusers.d and
# /run, puts the stand-in systemctl over /usr/bin/systemctl, hides every host's tree, then execs
# a real sshd listening on this namespace's loopback.
set -euo pipefail
host="$1" tree="$2" lab="$3"
hostname "${host}"
ip link set lo up
mount --bind "${tree}/opt" /opt
mount --bind "${tree}/root" /root
mount --bind "${tree}/etc-ssh" /etc/ssh
mount --bind "${tree}/etc-systemd" /etc/systemd/system
mkdir -p /etc/sysctl.d /etc/sysusers.d
mount --bind "${tree}/etc-sysctl" /etc/sysctl.d
mount --bind "${tree}/etc-sysusers" /etc/sysusers.d
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -m 0755 /run/sshd /run/fakesd
mount --bind "${lab}/bin/systemctl" /usr/bin/systemctl
mount -t tmpfs -o mode=0755 tmpfs "${lab}/hosts"
/usr/sbin/sshd -t
exec /usr/sbin/sshd -E /run/sshd.log
