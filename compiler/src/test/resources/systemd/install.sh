#!/bin/sh
# Runs inside the container: installs a case prepared under /case the way an operator would.
#   /case/files/   copied over / (units, sysusers.d, sysctl.d, stand-in binaries, credentials...)
#   /case/accounts sysusers.d lines for accounts the case names but does not create itself
#   /case/encrypt  "ID<TAB>PATH" lines: encrypt /case/plain/ID with this host's key to PATH
#                  (LoadCredentialEncrypted=), as an operator does with systemd-creds
#   /case/owners   "USER:GROUP<TAB>PATH" lines: data directories the host provides, owned by their service
# Applies sysctl.d settings the container may set (net.*, per network namespace) and lists the
# others on stdout as "sysctl-skipped KEY=VALUE".
set -eu
cp -a /case/files/. /
if [ -s /case/encrypt ]; then
  tab=$(printf '\t')
  while IFS="$tab" read -r id path; do
    mkdir -p "$(dirname "$path")"
    systemd-creds encrypt --name="$id" "/case/plain/$id" "$path"
    chmod 600 "$path"
  done < /case/encrypt
fi
if [ -s /case/accounts ]; then
  set --
  while IFS= read -r line; do set -- "$@" "$line"; done < /case/accounts
  systemd-sysusers --inline "$@"
fi
if ls /etc/sysusers.d/*.conf >/dev/null 2>&1; then systemd-sysusers; fi
if [ -s /case/owners ]; then
  tab=$(printf '\t')
  while IFS="$tab" read -r owner path; do chown "$owner" "$path"; done < /case/owners
fi
for f in /etc/sysctl.d/*.conf; do
  [ -f "$f" ] || continue
  sed -e 's/#.*//' -e 's/[[:space:]]*=[[:space:]]*/=/' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$f" |
    while IFS= read -r kv; do
      [ -n "$kv" ] || continue
      case "$kv" in
        net.*) sysctl -q -w "$kv" ;;
        *) echo "sysctl-skipped $kv" ;;
      esac
    done
done
systemctl daemon-reload
