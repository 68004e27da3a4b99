# ---------------------------------------------------------------------------
# The rollout engine: the same in every generated rollout script. The plan
# above is the spec's; everything below only carries it out.
#
# Exit codes: 0 done, 1 the rollout failed (or was abandoned) and every host
# it touched runs its previous release again, 2 refused before any host was
# switched (usage, lock, pre-flight, staging), 3 paused (approval, no data,
# or a failure with on_failure = pause), 4 a rollback that did not complete,
# 5 the state could not be saved (stopped before the next host action),
# 6 `status`: the hosts disagree with the state or could not be reached.
#
# States: preparing (local only) -> running <-> paused -> done
#                                       \-> rolling-back -> rolled-back
#                                                       \-> rollback-incomplete
# The state file is the intent log: what is decided (forward to VERSION, or
# back) is written before any host is touched, so a re-run after a kill at
# any instant finishes what was decided.
# ---------------------------------------------------------------------------

readonly EXIT_FAILED=1 EXIT_REFUSED=2 EXIT_PAUSED=3 EXIT_ROLLBACK_INCOMPLETE=4 EXIT_STATE=5 EXIT_DISAGREE=6
readonly PAUSE=10
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly NAME="rollout-${SERVICE}.sh"
STATE_DIR="${DEPLOYC_STATE_DIR:-${XDG_STATE_HOME:-${HOME}/.local/state}/deployc}/${PROJECT}-${SERVICE}"
readonly STATE_DIR
readonly STATE_FILE="${STATE_DIR}/state"
readonly HISTORY_DIR="${STATE_DIR}/history"
readonly PENDING_FILE="${STATE_DIR}/pending"
readonly DEFAULT_TRANSPORT="ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=10 -o ServerAliveCountMax=3"
read -r -a TRANSPORT <<<"${DEPLOYC_TRANSPORT:-${DEFAULT_TRANSPORT}}"
readonly TRANSPORT
readonly REMOTE_USER="${DEPLOYC_REMOTE_USER:-}"
read -r -a BECOME <<<"${DEPLOYC_BECOME:-}"
readonly BECOME
readonly CALL_TIMEOUT="${DEPLOYC_TIMEOUT:-120}"
readonly PLAIN_PARALLEL="${DEPLOYC_PLAIN_PARALLEL:-0}"
readonly FLEET_LOCK="${PROJECT_BASE}/.deployc-lock"
declare -A S=() PREV=() WANT=() TOUCHED=() OUT=()
STATE_HOSTS=()
FAIL_REASON=""
WORK=""
DIST=dist
NEED_KIB=0
ACCEPT_NO_ROLLBACK=0
ACCEPT_HOST_CHANGES=0
QUIET=0
COMMAND=""
FINISHED_ID=""
# Hosts handled at once: PARALLEL while switching a wave, wider for everything else.
AT_ONCE=$(( PARALLEL > 10 ? PARALLEL : 10 ))
GATE_URL=""
GATE_TIMEOUT=1

say() { printf '%s: %s\n' "${NAME}" "$*"; }
warn() { printf '%s: %s\n' "${NAME}" "$*" >&2; }
refuse() {
  warn "$*"
  exit "${EXIT_REFUSED}"
}
one_line() {
  local text="${1//[$'\n\r\t']/ }"
  printf '%s' "${text:0:400}"
}
# A clock that cannot jump: seconds since boot, never the wall clock.
uptime_s() {
  local up rest
  if read -r up rest </proc/uptime 2>/dev/null; then printf '%s' "${up%%.*}"; else printf '%s' "${SECONDS}"; fi
  : "${rest}"
}

usage() {
  cat <<USAGE
Usage: ${NAME} COMMAND

Commands:
  plan                        print the rollout plan
  deploy VERSION [OPTIONS]    roll VERSION out; re-run after an interruption, it finishes what was decided
      --dist D                binaries from D/linux_<arch>/ (default: dist)
      --accept-no-rollback    go on although a host's previous release is missing or damaged
      --accept-host-changes   resume although the plan's hosts changed: removed hosts are left as they are
                              (a rollback still covers them), added hosts are pre-flighted, staged and switched
  resume [--accept-host-changes]
                              continue a paused or interrupted rollout (or finish an interrupted rollback)
  abort                       roll a paused or interrupted rollout back
  rollback                    put every host the last rollout touched back on its previous release, skipping all gates
  status                      the last rollout's state, and what every host runs, read from the hosts
  unlock                      break the fleet lock on every host and the local one, whoever holds it

Environment:
  DEPLOYC_TRANSPORT       how to reach a host: the command is run as TRANSPORT [USER@]HOST COMMAND
                          (default: ${DEFAULT_TRANSPORT})
  DEPLOYC_REMOTE_USER     the user to log in as (default: the transport's own default)
  DEPLOYC_BECOME          how that user becomes root on the host, e.g. "sudo -n" (default: nothing, log in as root)
  DEPLOYC_TIMEOUT         seconds any one transport call may take, beyond a health gate's deadline (default: 120)
  DEPLOYC_PLAIN_PARALLEL  hosts switched at once for the services without a canary (default: 0, every host)
  DEPLOYC_STATE_DIR       where rollout state is kept (default: \${XDG_STATE_HOME:-~/.local/state}/deployc)
USAGE
}

# --- the agent: runs on each host, one action per connection -----------------
AGENT="$(
  cat <<'AGENT'
# No `set -e` here either: each command's failure is checked where it happens.
set -uo pipefail
fail() { printf '%s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }
# Hundredths of a second since boot: a clock that cannot jump.
ticks() {
  local up rest
  if read -r up rest </proc/uptime 2>/dev/null; then up="${up/./}"; printf '%s' "$(( 10#${up} ))"; else printf '%s' "$(( SECONDS * 100 ))"; fi
  : "${rest}"
}
current_of() {
  local target
  target="$(readlink -- "$1/current" 2>/dev/null)" || { printf -- '-\n'; return 0; }
  printf '%s\n' "${target##*/}"
}
# verify DIR: the release is complete and matches its SHA256SUMS
verify() {
  [[ -d "$1" ]] || { printf 'missing\n'; return 1; }
  [[ -f "$1/SHA256SUMS" ]] || { printf 'damaged (no SHA256SUMS)\n'; return 1; }
  (cd -- "$1" && sha256sum -c --quiet --strict SHA256SUMS >/dev/null 2>&1) || { printf 'damaged (does not match its SHA256SUMS)\n'; return 1; }
}
# install_into DIR FILE...: copies the files that differ into DIR; prints 1 when any did
install_into() {
  local dir="$1" file target changed=0
  shift
  for file in "$@"; do
    [[ -f "${file}" ]] || continue
    mkdir -p -- "${dir}" || return 1
    target="${dir}/${file##*/}"
    cmp -s -- "${file}" "${target}" && continue
    cp -- "${file}" "${target}.deployc-$$" || return 1
    mv -f -- "${target}.deployc-$$" "${target}" || return 1
    changed=1
  done
  printf '%s' "${changed}"
}
# probe TIMEOUT KIND ARGS...: one health probe; prints why it failed
probe() {
  local timeout="$1" kind="$2"
  shift 2
  case "${kind}" in
    none) return 0 ;;
    http)
      if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time "${timeout}" -- "$1" 2>&1
      else
        wget -q -O /dev/null -T "${timeout}" -- "$1" 2>&1
      fi
      ;;
    tcp)
      [[ "$1" =~ ^[0-9]+$ ]] || { printf 'bad port %s\n' "$1"; return 1; }
      timeout "${timeout}" bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>&1
      ;;
    command) timeout "${timeout}" "$@" 2>&1 ;;
    *) printf 'unknown probe %s\n' "${kind}"; return 1 ;;
  esac
}
# healthy TIMEOUT WATCH KIND ARGS...: units active (WATCH: comma-separated) and the probe passing
healthy() {
  local timeout="$1" unit out state
  local -a watch
  IFS=, read -r -a watch <<<"$2"
  shift 2
  for unit in "${watch[@]}"; do
    if ! systemctl is-active --quiet "${unit}"; then
      state="$(systemctl is-active "${unit}" 2>&1)"
      printf '%s is %s\n' "${unit}" "${state:-not active}"
      return 1
    fi
  done
  if ! out="$(probe "${timeout}" "$@")"; then
    printf 'health probe failed: %s\n' "${out:-no answer}"
    return 1
  fi
}
action="$1"
shift
case "${action}" in
  preflight) # NEED_KIB PROJECT_BASE SERVICE...
    need="$1" base="$2"
    shift 2
    command -v systemctl >/dev/null 2>&1 || fail "systemctl is not installed"
    command -v sha256sum >/dev/null 2>&1 || fail "sha256sum is not installed"
    mkdir -p -- "${base}" || fail "cannot create ${base}"
    arch="$(uname -m)"
    case "${arch}" in
      x86_64) arch=amd64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) fail "unsupported architecture ${arch}" ;;
    esac
    free="$(df -Pk -- "${base}" | awk 'NR == 2 { print $4 }')"
    [[ "${free}" =~ ^[0-9]+$ ]] || fail "cannot tell the free space of ${base}"
    (( free >= need )) || fail "only ${free} KiB free in ${base}, ${need} KiB needed"
    say "arch=${arch}"
    for service in "$@"; do
      current="$(current_of "${base}/${service}")"
      why=ok
      if [[ "${current}" != - ]]; then why="$(verify "${base}/${service}/releases/${current}")" || true; fi
      say "release=${service} ${current} ${why:-ok}"
    done
    ;;
  lock) # LOCK_DIR ID INFO [FINISHED_ID]: the fleet lock; taken again by the rollout that holds it,
    # and taken over from FINISHED_ID, the finished rollout before it from the same state
    mkdir -p -- "${1%/*}" || fail "cannot create ${1%/*}"
    holder="$(sed -n 1p -- "$1/holder" 2>/dev/null)" || holder=""
    if [[ -n "${4:-}" && "${holder}" == "$4" ]]; then
      { printf '%s\n%s\n' "$2" "$3" >"$1/holder.tmp" && mv -f -- "$1/holder.tmp" "$1/holder"; } || fail "cannot write $1/holder"
      say "locked (taken over from the finished rollout $4)"
    else
      # Made whole beside it, then renamed into place: a lock never exists without its holder.
      tmp="$1.new-$$"
      { rm -rf -- "${tmp}" && mkdir -- "${tmp}" && printf '%s\n%s\n' "$2" "$3" >"${tmp}/holder"; } || fail "cannot write ${tmp}"
      if mv -T -- "${tmp}" "$1" 2>/dev/null; then say "locked"; exit 0; fi
      rm -rf -- "${tmp}"
      holder="$(sed -n 1p -- "$1/holder" 2>/dev/null)" || holder=""
      [[ "${holder}" == "$2" ]] && { say "locked (already ours)"; exit 0; }
      info="$(sed -n 2p -- "$1/holder" 2>/dev/null)"
      fail "locked by ${info:-an unfinished lock (no holder written)}"
    fi
    ;;
  unlock) # LOCK_DIR ID: releases the lock when ID holds it; with ID empty, whoever holds it
    [[ -d "$1" ]] || { say "not locked"; exit 0; }
    holder="$(sed -n 1p -- "$1/holder" 2>/dev/null)"
    if [[ -n "$2" && "${holder}" != "$2" ]]; then say "held by another rollout; left alone"; exit 0; fi
    info="$(sed -n 2p -- "$1/holder" 2>/dev/null)"
    # Renamed away first, so the lock vanishes at once, holder and all.
    mv -T -- "$1" "$1.gone-$$" || fail "cannot remove $1"
    rm -rf -- "$1.gone-$$"
    say "unlocked (was: ${info:-no holder})"
    ;;
  stage) # PROJECT_BASE VERSION, with a tar stream of SERVICE/ trees on stdin
    base="$1" version="$2"
    tmp="${base}/.staging-${version}-$$"
    rm -rf -- "${tmp}" || fail "cannot remove ${tmp}"
    mkdir -p -- "${tmp}" || fail "cannot create ${tmp}"
    tar -xf - -C "${tmp}" || { rm -rf -- "${tmp}"; fail "cannot unpack the release into ${tmp}"; }
    for tree in "${tmp}"/*/; do
      tree="${tree%/}"
      service="${tree##*/}"
      dir="${base}/${service}/releases/${version}"
      mkdir -p -- "${base}/${service}/releases" || { rm -rf -- "${tmp}"; fail "cannot create ${base}/${service}/releases"; }
      if [[ -d "${dir}" ]]; then
        if ! cmp -s -- "${tree}/SHA256SUMS" "${dir}/SHA256SUMS"; then
          rm -rf -- "${tmp}"
          fail "release ${version} of ${service} is already on this host with other content; releases never change, so give this build a new version"
        fi
        if ! why="$(verify "${dir}")"; then
          # Same content as planned, but damaged on disk: replace it.
          rm -rf -- "${dir}" || { rm -rf -- "${tmp}"; fail "cannot replace the ${why} ${dir}"; }
          mv -T -- "${tree}" "${dir}" || { rm -rf -- "${tmp}"; fail "cannot move the release into ${dir}"; }
        fi
      else
        mv -T -- "${tree}" "${dir}" || { rm -rf -- "${tmp}"; fail "cannot move the release into ${dir}"; }
      fi
    done
    rm -rf -- "${tmp}"
    say "staged ${version}"
    ;;
  activate) # SERVICE_BASE VERSION UNITS_DIR ENABLE(,) SOCKETS(,) RESTART
    base="$1" version="$2" units_dir="$3" restart="$6"
    IFS=, read -r -a enable <<<"$4"
    IFS=, read -r -a sockets <<<"$5"
    release="${base}/releases/${version}"
    why="$(verify "${release}")" || fail "release ${version} is ${why}: not switching to it"
    current="$(current_of "${base}")"
    if [[ "${current}" != "${version}" ]]; then
      # A new link renamed over the old one: rename(2) is atomic, ln -sfn is not.
      ln -s -- "releases/${version}" "${base}/.current-$$" || fail "cannot create a link in ${base}"
      mv -T -- "${base}/.current-$$" "${base}/current" || fail "cannot switch ${base}/current"
      say "switched ${base##*/} from ${current} to ${version}"
    fi
    # The project's users and kernel settings come with the release, before any unit starts.
    changed="$(install_into /etc/sysusers.d "${release}/sysusers.d/"*)" || fail "cannot install sysusers.d files"
    if [[ "${changed}" == 1 ]]; then systemd-sysusers || fail "systemd-sysusers failed"; say "users created (systemd-sysusers)"; fi
    changed="$(install_into /etc/sysctl.d "${release}/sysctl.d/"*)" || fail "cannot install sysctl.d files"
    if [[ "${changed}" == 1 ]]; then sysctl --system >/dev/null || fail "sysctl --system failed"; say "kernel settings applied (sysctl --system)"; fi
    changed="$(install_into "${units_dir}" "${release}/systemd/"*)" || fail "cannot install unit files into ${units_dir}"
    if [[ "${changed}" == 1 ]]; then systemctl daemon-reload || fail "systemctl daemon-reload failed"; say "unit files installed (daemon-reload)"; fi
    if (( ${#enable[@]} )); then systemctl enable --quiet "${enable[@]}" || fail "cannot enable ${enable[*]}"; fi
    # Sockets are started, never restarted: connections queue in the kernel while the service restarts.
    if (( ${#sockets[@]} )); then systemctl start "${sockets[@]}" || fail "cannot start ${sockets[*]}"; fi
    if [[ -n "${restart}" ]]; then systemctl restart "${restart}" || fail "cannot restart ${restart}"; say "restarted ${restart}"; fi
    ;;
  deactivate) # SERVICE_BASE RESTART: the host had no release before this rollout
    if [[ -n "$2" ]]; then systemctl stop "$2" || fail "cannot stop $2"; fi
    rm -f -- "$1/current" || fail "cannot remove $1/current"
    say "stopped; no release is current"
    ;;
  health) # HEALTHY_FOR DEADLINE TIMEOUT WATCH KIND ARGS...: healthy without a break for HEALTHY_FOR, within DEADLINE
    healthy_for=$(( $1 * 100 )) deadline=$(( $2 * 100 ))
    shift 2
    start="$(ticks)" since=-1 why="never probed"
    while :; do
      now="$(ticks)"
      if why="$(healthy "$@")"; then
        (( since >= 0 )) || since="${now}"
        (( now - since < healthy_for )) || exit 0
      else
        since=-1
      fi
      (( now - start < deadline )) || fail "not healthy for $(( healthy_for / 100 ))s within $(( deadline / 100 ))s: ${why:-unknown}"
      sleep 0.25
    done
    ;;
  probe) # TIMEOUT WATCH KIND ARGS...
    why="$(healthy "$@")" || fail "${why}"
    ;;
  inspect) # PROJECT_BASE LOCK_DIR SERVICE...: what runs here, and who holds the fleet lock
    base="$1" lock="$2"
    shift 2
    for service in "$@"; do
      current="$(current_of "${base}/${service}")"
      say "release=${service} ${current}"
    done
    if [[ -d "${lock}" ]]; then
      info="$(sed -n 2p -- "${lock}/holder" 2>/dev/null)" || info=""
      say "lock=${info:-no holder written}"
    fi
    ;;
  *) fail "unknown action ${action}" ;;
esac
AGENT
)"
readonly AGENT

quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# remote_within SECONDS HOST ACTION ARGS...: runs the agent on HOST through the transport, for at
# most SECONDS (then the call is killed and fails).
remote_within() {
  local limit="$1" host="$2" arg command target rc=0
  shift 2
  target="${host}"
  # A host written as USER@HOST in the plan keeps its own user.
  [[ -z "${REMOTE_USER}" || "${host}" == *@* ]] || target="${REMOTE_USER}@${host}"
  command=""
  for arg in "${BECOME[@]}"; do command+="$(quote "${arg}") "; done
  command+="bash -c $(quote "${AGENT}") deployc-agent"
  for arg in "$@"; do command+=" $(quote "${arg}")"; done
  timeout -k 5 "${limit}" "${TRANSPORT[@]}" "${target}" "${command}" 9>&- || rc=$?
  if (( rc == 124 || rc == 137 )); then
    printf 'no answer within %ss (DEPLOYC_TIMEOUT): the call was stopped\n' "${limit}"
  fi
  return "${rc}"
}

remote() { remote_within "${CALL_TIMEOUT}" "$@"; }

# --- state: the intent log, one file replaced atomically and checked -------------
die_state() {
  warn "cannot save the state in ${STATE_FILE}: $*"
  warn "stopped before touching another host; the last good state is unchanged. Fix the cause and run the same command again"
  exit "${EXIT_STATE}"
}

# state_text: the state as it is saved; its last line, end=, is the checksum of all the others.
state_text() {
  local key text="format=1"$'\n' host sum keys
  keys="$(printf '%s\n' "${!S[@]}" | LC_ALL=C sort)" || return 1
  while IFS= read -r key; do
    [[ -n "${key}" ]] && text+="${key}=${S[${key}]}"$'\n'
  done <<<"${keys}"
  for host in "${STATE_HOSTS[@]}"; do text+="host=${host}"$'\n'; done
  keys="$(printf '%s\n' "${!WANT[@]}" | LC_ALL=C sort)" || return 1
  while IFS= read -r key; do
    [[ -n "${key}" ]] && text+="rel=${key%%|*} ${PREV[${key}]} ${WANT[${key}]} ${TOUCHED[${key}]:-0} ${key#*|}"$'\n'
  done <<<"${keys}"
  sum="$(printf '%s' "${text}" | cksum)" || return 1
  printf '%send=%s\n' "${text}" "${sum%% *}"
}

# write_checked FILE TEXT: written beside FILE, synced, read back, then renamed over it.
write_checked() {
  local file="$1" text="$2" tmp="$1.new" back
  mkdir -p -- "${file%/*}" || return 1
  printf '%s' "${text}" >"${tmp}" || { rm -f -- "${tmp}" 2>/dev/null; return 1; }
  sync -- "${tmp}" || return 1
  back="$(cat -- "${tmp}"; printf x)" || return 1
  [[ "${back}" == "${text}x" ]] || { rm -f -- "${tmp}"; printf 'written short\n'; return 1; }
  mv -f -- "${tmp}" "${file}" || return 1
  sync -- "${file%/*}" 2>/dev/null || true
}

save_state() {
  local why text
  text="$(state_text)" || die_state "cannot list the state"
  why="$(write_checked "${STATE_FILE}" "${text}"$'\n' 2>&1)" || die_state "${why:-write failed}"
}

set_state() {
  S["$1"]="$(one_line "$2")"
  save_state
}

# read_state FILE: into S, STATE_HOSTS, PREV, WANT, TOUCHED; fails on a damaged file.
read_state() {
  local line key value text="" sum="" svc prev want touched host
  S=() PREV=() WANT=() TOUCHED=() STATE_HOSTS=()
  [[ -f "$1" ]] || return 0
  while IFS= read -r line; do
    key="${line%%=*}" value="${line#*=}"
    if [[ "${key}" == end ]]; then sum="${value}"; break; fi
    text+="${line}"$'\n'
    case "${key}" in
      host) STATE_HOSTS+=("${value}") ;;
      rel)
        read -r svc prev want touched host <<<"${value}"
        host="${value#* * * * }"
        PREV["${svc}|${host}"]="${prev}" WANT["${svc}|${host}"]="${want}" TOUCHED["${svc}|${host}"]="${touched}"
        ;;
      format) ;;
      *) [[ "${key}" =~ ^[a-z0-9_]+$ ]] && S["${key}"]="${value}" ;;
    esac
  done <"$1"
  local expected
  expected="$(printf '%s' "${text}" | cksum)"
  [[ -n "${sum}" && "${sum}" == "${expected%% *}" ]]
}

load_state() {
  read_state "${STATE_FILE}" ||
    refuse "the state ${STATE_FILE} is damaged (its checksum does not match); it is left as it is: look at it and at ${HISTORY_DIR}"
}

lock() {
  mkdir -p -- "${STATE_DIR}" || refuse "cannot create ${STATE_DIR}"
  exec 9>>"${STATE_DIR}/lock"
  flock -n 9 || refuse "another rollout of ${SERVICE} is running from this machine (lock: ${STATE_DIR}/lock)"
}

cleanup() {
  if [[ -n "${WORK}" ]]; then rm -rf -- "${WORK}"; fi
}

prefix() {
  local line
  while IFS= read -r line || [[ -n "${line}" ]]; do printf '  [%s] %s\n' "$1" "${line}"; done
}

# on_hosts FUNCTION HOST...: FUNCTION HOST on every host, AT_ONCE at a time. Each line of output is
# printed as it comes, prefixed with its host (QUIET=1: kept only in OUT[HOST]). Fails when any
# host failed, with FAIL_REASON naming the hosts and their last words; OK_HOSTS lists the others.
on_hosts() {
  local fn="$1" host i n=0 rc=0 file reasons="" rc_of
  shift
  local -a batch pids files
  OK_HOSTS=()
  while (( $# > 0 )); do
    batch=("${@:1:AT_ONCE}")
    shift "${#batch[@]}"
    pids=() files=()
    for host in "${batch[@]}"; do
      n=$(( n + 1 ))
      file="${WORK}/call-${n}"
      rm -f -- "${file}.rc"
      if (( QUIET )); then
        { "${fn}" "${host}" >"${file}.out" 2>&1; printf '%s\n' "$?" >"${file}.rc"; } &
      else
        { "${fn}" "${host}" 2>&1; printf '%s\n' "$?" >"${file}.rc"; } | tee -- "${file}.out" | prefix "${host}" &
      fi
      pids+=("$!") files+=("${file}")
    done
    for i in "${!batch[@]}"; do
      host="${batch[i]}" file="${files[i]}"
      wait "${pids[i]}"
      OUT["${host}"]="$(cat -- "${file}.out" 2>/dev/null)"
      rc_of="$(cat -- "${file}.rc" 2>/dev/null)" || rc_of=killed
      if [[ "${rc_of}" == 0 ]]; then
        OK_HOSTS+=("${host}")
        [[ -z "${ON_HOST_DONE:-}" ]] || "${ON_HOST_DONE}" "${host}"
      else
        rc=1
        reasons+="${reasons:+; }${host}: $(tail -n 1 -- "${file}.out" 2>/dev/null)"
      fi
    done
  done
  FAIL_REASON="$(one_line "${reasons}")"
  return "${rc}"
}

# --- the release, prepared locally once per architecture ---------------------
prepare_release() {
  local arch="$1" svc unit file tree binary sums
  local root="${WORK}/release-${arch}"
  [[ -f "${root}.tar" ]] && return 0
  for svc in "${SERVICES[@]}"; do
    service_config "${svc}"
    tree="${root}/${svc}" binary="${DIST}/linux_${arch}/${SVC_BINARY}"
    [[ -f "${binary}" && -x "${binary}" ]] || refuse "${binary} is missing: build VERSION=${S[version]} with build.sh first"
    if [[ -f "${DIST}/SHA256SUMS" ]]; then
      (cd -- "${DIST}" && awk -v file="./linux_${arch}/${SVC_BINARY}" '$2 == file' SHA256SUMS | sha256sum -c --quiet --strict -) >/dev/null 2>&1 ||
        refuse "${binary} does not match ${DIST}/SHA256SUMS"
    fi
    mkdir -p -- "${tree}/bin" "${tree}/systemd" || refuse "cannot prepare the release in ${WORK}"
    cp -- "${binary}" "${tree}/bin/${SVC_BINARY}" || refuse "cannot copy ${binary}"
    for unit in "${SVC_UNITS[@]}"; do
      [[ -f "${SCRIPT_DIR}/systemd/${unit}" ]] || refuse "${SCRIPT_DIR}/systemd/${unit} is missing: run deployc build"
      cp -- "${SCRIPT_DIR}/systemd/${unit}" "${tree}/systemd/${unit}" || refuse "cannot copy ${unit}"
    done
    # The project's sysusers.d and sysctl.d files travel with the canary service's release.
    if [[ "${svc}" == "${SERVICE}" ]]; then
      for file in "${SCRIPT_DIR}"/sysusers.d/*.conf "${SCRIPT_DIR}"/sysctl.d/*.conf; do
        [[ -f "${file}" ]] || continue
        unit="${file%/*}"
        mkdir -p -- "${tree}/${unit##*/}" || refuse "cannot create ${tree}/${unit##*/}"
        cp -- "${file}" "${tree}/${unit##*/}/" || refuse "cannot copy ${file}"
      done
    fi
    sums="$(cd -- "${tree}" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum --)" || refuse "cannot checksum the release"
    printf '%s\n' "${sums}" >"${tree}/SHA256SUMS" || refuse "cannot checksum the release"
  done
  tar -C "${root}" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "${root}.tar" . ||
    refuse "cannot pack the release"
}

preflight_host() { remote "$1" preflight "${NEED_KIB}" "${PROJECT_BASE}" "${SERVICES[@]}"; }

stage_host() {
  local arch
  arch="$(sed -n 's/^arch=//p' <<<"${OUT[$1]}")"
  remote "$1" stage "${PROJECT_BASE}" "${S[version]}" <"${WORK}/release-${arch}.tar"
}

lock_info() { printf '%s' "${S[owner]:-?} on ${S[machine]:-?}, rollout of ${S[version]:-?} (${PROJECT}/${SERVICE}) since ${S[started]:-?}"; }
lock_host() {
  local info
  info="$(lock_info)"
  remote "$1" lock "${FLEET_LOCK}" "${S[id]}" "${info}" "${FINISHED_ID}"
}
unlock_own_host() { remote "$1" unlock "${FLEET_LOCK}" "${S[id]:-}"; }
unlock_any_host() { remote "$1" unlock "${FLEET_LOCK}" ""; }

# activate SERVICE HOST VERSION: switch, restart, then wait until healthy.
activate() {
  local svc="$1" host="$2" version="$3" enable sockets watch
  service_config "${svc}"
  enable="$(IFS=,; printf '%s' "${SVC_ENABLE[*]}")"
  sockets="$(IFS=,; printf '%s' "${SVC_SOCKETS[*]}")"
  watch="$(IFS=,; printf '%s' "${SVC_WATCH[*]}")"
  remote "${host}" activate "${PROJECT_BASE}/${svc}" "${version}" "${UNITS_DIR}" "${enable}" "${sockets}" "${SVC_RESTART}" || return 1
  printf '%s runs %s; waiting until it is healthy\n' "${svc}" "${version}"
  remote_within $(( CALL_TIMEOUT + HEALTHY_DEADLINE )) "${host}" health "${HEALTHY_FOR}" "${HEALTHY_DEADLINE}" \
    "${SVC_PROBE_TIMEOUT}" "${watch}" "${SVC_HEALTH[@]}" || return 1
  printf '%s is healthy on %s\n' "${svc}" "${version}"
}

switch_canary() { activate "${SERVICE}" "$1" "${S[version]}"; }

switch_plain() {
  local svc
  for svc in "${PLAIN[@]}"; do activate "${svc}" "$1" "${S[version]}" || return 1; done
}

# revert_host HOST: every service this rollout touched on HOST back to its previous release,
# in the reverse order of the forward switch.
revert_host() {
  local host="$1" i svc key previous
  for (( i = ${#SERVICES[@]} - 1; i >= 0; i-- )); do
    svc="${SERVICES[i]}" key="${SERVICES[i]}|${host}"
    [[ "${TOUCHED[${key}]:-0}" == 1 ]] || continue
    previous="${PREV[${key}]}"
    if [[ "${previous}" == - ]]; then
      service_config "${svc}"
      remote "${host}" deactivate "${PROJECT_BASE}/${svc}" "${SVC_RESTART}" || return 1
    else
      activate "${svc}" "${host}" "${previous}" || return 1
    fi
  done
}

probe_host() {
  local svc watch
  for svc in "${SERVICES[@]}"; do
    [[ "${TOUCHED[${svc}|$1]:-0}" == 1 ]] || continue
    service_config "${svc}"
    watch="$(IFS=,; printf '%s' "${SVC_WATCH[*]}")"
    remote "$1" probe "${SVC_PROBE_TIMEOUT}" "${watch}" "${SVC_HEALTH[@]}" || return 1
  done
}

inspect_host() { remote "$1" inspect "${PROJECT_BASE}" "${FLEET_LOCK}" "${SERVICES[@]}"; }

# verify_host HOST: every service runs the release the state wants there, and is healthy.
verify_host() {
  local svc running watch answer
  answer="$(inspect_host "$1")" || { printf '%s\n' "${answer}"; return 1; }
  for svc in "${SERVICES[@]}"; do
    running="$(sed -n "s/^release=${svc} //p" <<<"${answer}")"
    [[ "${running}" == "${WANT[${svc}|$1]:-}" ]] || { printf '%s runs %s, not %s\n' "${svc}" "${running:-?}" "${WANT[${svc}|$1]:-?}"; return 1; }
    service_config "${svc}"
    watch="$(IFS=,; printf '%s' "${SVC_WATCH[*]}")"
    remote "$1" probe "${SVC_PROBE_TIMEOUT}" "${watch}" "${SVC_HEALTH[@]}" || return 1
  done
  printf 'checked: every service runs %s and is healthy\n' "${S[version]}"
}

# Hosts the state has touched for any service, in the state's order.
touched_hosts() {
  local host svc
  TOUCHED_HOSTS=()
  for host in "${STATE_HOSTS[@]}"; do
    for svc in "${SERVICES[@]}"; do
      if [[ "${TOUCHED[${svc}|${host}]:-0}" == 1 ]]; then TOUCHED_HOSTS+=("${host}"); break; fi
    done
  done
}

# forward SERVICE HOST...: records that these hosts go to the new release, before touching them.
forward() {
  local svc="$1" host
  shift
  for host in "$@"; do WANT["${svc}|${host}"]="${S[version]}" TOUCHED["${svc}|${host}"]=1; done
  save_state
}

# --- steps -------------------------------------------------------------------
wave() {
  local number="$1"
  local -a hosts batch
  read -r -a hosts <<<"${WAVES[number - 1]}"
  set_state wave "${number}"
  while (( ${#hosts[@]} > 0 )); do
    batch=("${hosts[@]:0:PARALLEL}")
    hosts=("${hosts[@]:PARALLEL}")
    forward "${SERVICE}" "${batch[@]}"
    AT_ONCE="${PARALLEL}" on_hosts switch_canary "${batch[@]}" || { FAIL_REASON="wave ${number}: ${FAIL_REASON}"; return 1; }
  done
}

bake() {
  local end=$(( $(uptime_s) + $1 )) pause now
  touched_hosts
  while now="$(uptime_s)"; (( now < end )); do
    pause=$(( end - now < PROBE_INTERVAL ? end - now : PROBE_INTERVAL ))
    sleep "${pause}"
    QUIET=1 on_hosts probe_host "${TOUCHED_HOSTS[@]}" || { FAIL_REASON="bake: ${FAIL_REASON}"; return 1; }
  done
  say "baked $1s: every switched host stayed healthy"
}

approve() {
  FAIL_REASON="approval needed: $1"
  return "${PAUSE}"
}

within() {
  local value="$1" min="$2" max="$3"
  awk -v v="${value}" -v lo="${min}" -v hi="${max}" \
    'BEGIN { if ((lo != "" && v + 0 < lo + 0) || (hi != "" && v + 0 > hi + 0)) exit 1 }'
}

# prometheus QUERY: prints the single value; exit 3 when the result is empty or NaN.
prometheus() {
  local body answer
  body="$(curl -fsS --max-time 10 --get --data-urlencode "query=$1" -- "${PROMETHEUS}/api/v1/query" 2>&1)" ||
    { printf 'prometheus: %s\n' "${body:0:400}"; return 1; }
  # The answer, parsed as JSON: one line saying what it holds.
  answer="$(jq -r '
    if (type != "object") then "bad: not a Prometheus answer"
    elif .status != "success" then "bad: status \(.status | tostring): \(.error // "" | tostring)"
    elif .data.resultType == "scalar" then "value \(.data.result[1] | tostring)"
    elif .data.resultType == "vector" then
      (.data.result | length) as $n
      | if $n == 0 then "none"
        elif $n > 1 then "bad: the query returned \($n) series; a gate needs one value: aggregate it, e.g. with sum()"
        else "value \(.data.result[0].value[1] | tostring)" end
    else "bad: a gate needs an instant vector or a scalar, not \(.data.resultType | tostring)" end' <<<"${body}" 2>/dev/null)" ||
    { printf 'prometheus answered something that is not JSON: %s\n' "${body:0:400}"; return 1; }
  case "${answer}" in
    none) return 3 ;;
    "bad: "*) printf 'prometheus answered: %s\n' "${answer#bad: }"; return 1 ;;
    "value NaN") return 3 ;; # a rate over no traffic divides by zero: no data, not a value
    "value "*)
      answer="${answer#value }"
      [[ "${answer}" =~ ^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || { printf 'not a finite number: %s\n' "${answer}"; return 1; }
      printf '%s\n' "${answer}"
      ;;
    *) printf 'prometheus answered: %s\n' "${answer}"; return 1 ;;
  esac
}

# gate_query NAME QUERY MIN MAX INTERVAL COUNT FAILURES NO_DATA
gate_query() {
  local name="$1" query="$2" min="$3" max="$4" interval="$5" count="$6" allowed="$7" no_data="$8"
  local n failed=0 value rc why
  for (( n = 1; n <= count; n++ )); do
    (( n == 1 )) || sleep "${interval}"
    rc=0
    value="$(prometheus "${query}")" || rc=$?
    if (( rc == 3 )); then
      case "${no_data}" in
        pass) say "check ${name} ${n}/${count}: no data, passes (no_data = pass)"; continue ;;
        pause) FAIL_REASON="check ${name}: the query returned no data (no_data = pause)"; return "${PAUSE}" ;;
        *) why="no data (no_data = fail)" ;;
      esac
    elif (( rc != 0 )); then
      why="${value}"
    elif within "${value}" "${min}" "${max}"; then
      say "check ${name} ${n}/${count}: ${value} passes"
      continue
    else
      why="${value} is outside ${min:--inf}..${max:-+inf}"
    fi
    failed=$(( failed + 1 ))
    say "check ${name} ${n}/${count}: ${why}"
    if (( failed > allowed )); then
      FAIL_REASON="check ${name}: ${why} (${failed} of ${count} measurements failed, ${allowed} allowed)"
      return 1
    fi
  done
}

http_gate_host() { remote "$1" probe "${GATE_TIMEOUT}" "" http "${GATE_URL}"; }

# gate_http NAME URL INTERVAL COUNT FAILURES: the URL answers 2xx on every switched host
gate_http() {
  local name="$1" interval="$3" count="$4" allowed="$5" n failed=0
  touched_hosts
  service_config "${SERVICE}"
  GATE_URL="$2" GATE_TIMEOUT="${SVC_PROBE_TIMEOUT}"
  for (( n = 1; n <= count; n++ )); do
    (( n == 1 )) || sleep "${interval}"
    if QUIET=1 on_hosts http_gate_host "${TOUCHED_HOSTS[@]}"; then
      say "check ${name} ${n}/${count}: passes"
      continue
    fi
    failed=$(( failed + 1 ))
    say "check ${name} ${n}/${count}: ${FAIL_REASON}"
    if (( failed > allowed )); then
      FAIL_REASON="check ${name}: ${FAIL_REASON} (${failed} of ${count} measurements failed, ${allowed} allowed)"
      return 1
    fi
  done
}

# --- flow ----------------------------------------------------------------------
release_fleet_lock() {
  QUIET=1 on_hosts unlock_own_host "${STATE_HOSTS[@]}" ||
    warn "could not release the fleet lock on every host (${FAIL_REASON}); run ${NAME} unlock"
}

reverted() {
  local svc
  for svc in "${SERVICES[@]}"; do
    [[ "${TOUCHED[${svc}|$1]:-0}" == 1 ]] || continue
    WANT["${svc}|$1"]="${PREV[${svc}|$1]}" TOUCHED["${svc}|$1"]=0
  done
  save_state
}

# rollback REASON [failed|aborted|by-hand]: decides the rollback (written before any host is touched), then carries it out.
# Every host the state touched goes back, by name, whatever the plan says today. Returns when every
# host is back; exits 4 when one is not.
rollback() {
  local key
  if [[ "${S[status]}" != rolling-back ]]; then
    # A retry of an incomplete rollback keeps how the rollout ended.
    [[ "${S[status]}" == rollback-incomplete && -n "${S[ended]:-}" ]] || S[ended]="${2:-failed}"
    S[status]=rolling-back S[paused]=""
    [[ -z "$1" ]] || S[reason]="$(one_line "$1")"
    for key in "${!TOUCHED[@]}"; do
      [[ "${TOUCHED[${key}]}" == 1 ]] && WANT["${key}"]="${PREV[${key}]}"
    done
    save_state
  fi
  touched_hosts
  if (( ${#TOUCHED_HOSTS[@]} == 0 )); then
    say "no host was switched; nothing to roll back"
  else
    say "rolling back ${#TOUCHED_HOSTS[@]} host(s): ${TOUCHED_HOSTS[*]}"
    if ! ON_HOST_DONE=reverted on_hosts revert_host "${TOUCHED_HOSTS[@]}"; then
      S[status]=rollback-incomplete
      set_state reason "rollback failed: ${FAIL_REASON}"
      warn "ROLLBACK INCOMPLETE: ${FAIL_REASON}; these hosts need attention. Run ${NAME} rollback to retry"
      exit "${EXIT_ROLLBACK_INCOMPLETE}"
    fi
  fi
  set_state status rolled-back
  release_fleet_lock
}

fail_step() {
  local step="$1" reason="$2"
  if [[ "${ON_FAILURE}" == pause ]]; then
    S[paused]=failure
    S[status]=paused
    set_state reason "step ${step} ($(describe_step "${step}" || true)) failed: ${reason}"
    warn "paused: ${S[reason]}"
    warn "fix the cause, then run ${NAME} resume to retry the step, or ${NAME} abort to roll back"
    exit "${EXIT_PAUSED}"
  fi
  warn "FAILED: step ${step} ($(describe_step "${step}" || true)) failed: ${reason}"
  rollback "step ${step} ($(describe_step "${step}" || true)) failed: ${reason}" failed
  warn "rolled back: every switched host runs its previous release again"
  exit "${EXIT_FAILED}"
}

run_steps() {
  local step rc
  set_state status running
  if [[ "${S[first]:-}" == 1 ]]; then
    say "first deploy: no host has a release yet, so every host is switched at once and the steps are skipped"
    local -a all=("${HOSTS[@]}")
    WAVES=("${all[*]}")
    (( S[next_step] > STEP_COUNT )) || { wave 1 || fail_step 0 "${FAIL_REASON}"; }
    set_state next_step $(( STEP_COUNT + 1 ))
  fi
  while (( S[next_step] <= STEP_COUNT )); do
    step="${S[next_step]}"
    say "step ${step}/${STEP_COUNT}: $(describe_step "${step}" || true)"
    rc=0
    run_step "${step}" || rc=$?
    if (( rc == PAUSE )); then
      S[paused]=approve S[status]=paused
      set_state reason "step ${step}: ${FAIL_REASON}"
      say "paused: ${FAIL_REASON}"
      say "run ${NAME} resume to go on, or ${NAME} abort to roll back"
      exit "${EXIT_PAUSED}"
    elif (( rc != 0 )); then
      fail_step "${step}" "${FAIL_REASON}"
    fi
    set_state next_step $(( step + 1 ))
  done
  catch_up
  finish
}

# The services without a canary, then any host of the plan the waves did not switch (one added
# since the rollout started).
catch_up() {
  local host
  local -a behind=()
  for host in "${HOSTS[@]}"; do
    [[ "${WANT[${SERVICE}|${host}]:-}" == "${S[version]}" ]] || behind+=("${host}")
  done
  if (( ${#behind[@]} )); then
    say "switching ${SERVICE} on the host(s) no wave covered: ${behind[*]}"
    forward "${SERVICE}" "${behind[@]}"
    AT_ONCE="${PARALLEL}" on_hosts switch_canary "${behind[@]}" || fail_step "${STEP_COUNT}" "catching up: ${FAIL_REASON}"
  fi
  (( ${#PLAIN[@]} )) || return 0
  [[ "${S[plain_done]:-0}" != 1 ]] || return 0
  local svc
  local -a pending=("${HOSTS[@]}")
  say "services without a canary (${PLAIN[*]}): ${#pending[@]} host(s) at once"
  for svc in "${PLAIN[@]}"; do
    for host in "${pending[@]}"; do WANT["${svc}|${host}"]="${S[version]}" TOUCHED["${svc}|${host}"]=1; done
  done
  save_state
  local at_once=$(( PLAIN_PARALLEL > 0 ? PLAIN_PARALLEL : ${#pending[@]} ))
  AT_ONCE="${at_once}" on_hosts switch_plain "${pending[@]}" || fail_step "${STEP_COUNT}" "services without a canary: ${FAIL_REASON}"
  set_state plain_done 1
}

finish() {
  say "checking every host again before reporting done"
  on_hosts verify_host "${HOSTS[@]}" || fail_step "${STEP_COUNT}" "final check: ${FAIL_REASON}"
  S[reason]=""
  set_state status 'done'
  release_fleet_lock
  say "done: all ${#HOSTS[@]} hosts run ${S[version]}"
  exit 0
}

unfinished() { [[ "${S[status]:-}" == running || "${S[status]:-}" == paused ]]; }
rolling_back() { [[ "${S[status]:-}" == rolling-back || "${S[status]:-}" == rollback-incomplete ]]; }

# A re-run after an interrupted rollback: finish it. The exit code says what happened to the
# rollout: 0 for abort and rollback (what was asked is done), 1 for deploy and resume.
finish_rollback() {
  say "a rollback of ${S[version]} was decided (${S[reason]:-no reason recorded}) and is not finished: finishing it"
  take_fleet_lock
  rollback ""
  case "${COMMAND}" in
    abort | rollback) say "rolled back: every host the rollout touched runs its previous release again"; exit 0 ;;
    *) warn "rolled back: every host the rollout touched runs its previous release again"; exit "${EXIT_FAILED}" ;;
  esac
}

take_fleet_lock() {
  QUIET=1 on_hosts lock_host "${STATE_HOSTS[@]}" && return 0
  local reason="${FAIL_REASON}"
  QUIET=1 on_hosts unlock_own_host "${OK_HOSTS[@]}" || true
  [[ "${reason}" == *"locked by "* ]] || refuse "pre-flight failed, nothing was changed: ${reason}"
  refuse "the fleet is locked, nothing was changed: ${reason}. Wait for that rollout, or break a stale lock with ${NAME} unlock"
}

# Refuses a resume whose hosts are not the state's, unless --accept-host-changes.
check_host_set() {
  local host
  local -A in_state=() in_plan=()
  local -a added=() removed=()
  for host in "${STATE_HOSTS[@]}"; do in_state["${host}"]=1; done
  for host in "${HOSTS[@]}"; do
    in_plan["${host}"]=1
    [[ -n "${in_state[${host}]:-}" ]] || added+=("${host}")
  done
  for host in "${STATE_HOSTS[@]}"; do [[ -n "${in_plan[${host}]:-}" ]] || removed+=("${host}"); done
  (( ${#added[@]} + ${#removed[@]} )) || return 0
  local what="added: ${added[*]:-none}; removed: ${removed[*]:-none}"
  (( ACCEPT_HOST_CHANGES )) ||
    refuse "the plan's hosts changed since the rollout of ${S[version]} started (${what}): run ${NAME} resume --accept-host-changes to go on (removed hosts are left as they are, added hosts are pre-flighted, staged and switched), or ${NAME} abort"
  say "the plan's hosts changed (${what}); going on as --accept-host-changes says"
  if (( ${#added[@]} )); then
    STATE_HOSTS+=("${added[@]}")
    take_fleet_lock
    preflight_and_stage "${added[@]}"
    save_state
  fi
}

# preflight_and_stage HOST...: checks the hosts and stages the release on them; records each
# host's current release as its previous one (in memory: the caller saves).
preflight_and_stage() {
  local host svc current why arch lines
  NEED_KIB=0
  for svc in "${SERVICES[@]}"; do
    service_config "${svc}"
    local size
    size="$(find "${DIST}" -path "*/linux_*/${SVC_BINARY}" -type f -printf '%s\n' 2>/dev/null | sort -n | tail -n 1)"
    [[ -n "${size}" ]] || refuse "no ${SVC_BINARY} binary under ${DIST}/linux_*/: build ${S[version]} with build.sh first"
    NEED_KIB=$(( NEED_KIB + size * 2 / 1024 ))
  done
  NEED_KIB=$(( NEED_KIB + 10240 ))
  if [[ -n "${PROMETHEUS}" ]]; then command -v jq >/dev/null 2>&1 || refuse "jq is not installed here: it reads Prometheus's answers (apt-get install jq)"; fi
  command -v timeout >/dev/null 2>&1 || refuse "timeout (coreutils) is not installed here"
  say "pre-flight: $# host(s)"
  QUIET=1 on_hosts preflight_host "$@" || refuse "pre-flight failed, nothing was changed: ${FAIL_REASON}"
  local broken=""
  for host in "$@"; do
    [[ "${OUT[${host}]}" == *arch=* ]] || refuse "${host}: pre-flight said nothing"
    arch="$(sed -n 's/^arch=//p' <<<"${OUT[${host}]}")" || refuse "${host}: pre-flight said nothing"
    prepare_release "${arch}"
    lines="$(grep '^release=' <<<"${OUT[${host}]}")" || refuse "${host}: pre-flight said nothing of the releases"
    while IFS= read -r current; do
      read -r svc current why <<<"${current#release=}"
      # Services without a canary may already run it (another canary service's rollout ships them too).
      [[ "${svc}" != "${SERVICE}" || "${current}" != "${S[version]}" ]] || refuse "${host} already runs ${svc} ${S[version]}"
      PREV["${svc}|${host}"]="${current}" WANT["${svc}|${host}"]="${current}" TOUCHED["${svc}|${host}"]=0
      [[ "${why}" == ok ]] || broken+="${broken:+; }${host}: ${svc} ${current} is ${why}"
    done <<<"${lines}"
  done
  if [[ -n "${broken}" ]]; then
    (( ACCEPT_NO_ROLLBACK )) ||
      refuse "pre-flight failed, nothing was changed: a previous release to roll back to is broken (${broken}). Repair it, or deploy with --accept-no-rollback to go on without a way back on those hosts"
    warn "going on without a way back (--accept-no-rollback): ${broken}"
  fi
  say "staging ${S[version]} on $# host(s) (not activated)"
  on_hosts stage_host "$@" || refuse "staging failed, no host was switched: ${FAIL_REASON}"
}

new_id() {
  local now
  now="$(date -u +%Y%m%dT%H%M%SZ)" || now=unknown
  printf '%s-%s-%s' "${HOSTNAME:-host}" "$$" "${now}"
}

cmd_deploy() {
  local version="${1:-}"
  shift || true
  DIST=dist
  while (( $# > 0 )); do
    case "$1" in
      --dist) (( $# >= 2 )) || refuse "--dist needs a directory"; DIST="$2"; shift 2 ;;
      --dist=*) DIST="${1#--dist=}"; shift ;;
      --accept-no-rollback) ACCEPT_NO_ROLLBACK=1; shift ;;
      --accept-host-changes) ACCEPT_HOST_CHANGES=1; shift ;;
      *) usage >&2; refuse "unknown argument: $1" ;;
    esac
  done
  [[ "${version}" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || refuse "give a version made of letters, digits and . _ + -, such as v1.4.2"
  lock
  load_state
  if rolling_back; then finish_rollback; fi
  if [[ "${S[status]:-}" == 'done' && "${S[version]}" == "${version}" ]]; then already_done; fi
  if unfinished; then
    [[ "${S[version]}" == "${version}" ]] ||
      refuse "the rollout of ${S[version]} is ${S[status]}: run ${NAME} resume, ${NAME} abort or ${NAME} rollback first"
    say "resuming the rollout of ${version} at step ${S[next_step]}"
    continue_rollout
  fi
  # A new rollout. The last one's state stays in place until this one is ready to switch a host,
  # so a refusal leaves `rollback` what it needs.
  local previous="${STATE_FILE}"
  [[ -f "${previous}" ]] || previous=""
  FINISHED_ID="${S[id]:-}"
  # Prove that the state can be written before any host is touched: the last state rewritten as
  # it is (checked and atomic like every write), or an empty one.
  local why text
  text="$(state_text)" || die_state "cannot list the state"
  why="$(write_checked "${STATE_FILE}" "${text}"$'\n' 2>&1)" || die_state "${why:-write failed}"
  local id=""
  if [[ -f "${PENDING_FILE}" ]]; then id="$(sed -n 's/^id=//p' -- "${PENDING_FILE}")"; fi
  [[ -n "${id}" ]] || id="$(new_id)"
  local owner machine started dist
  owner="${USER:-$(id -un || true)}"
  machine="${HOSTNAME:-$(uname -n || true)}"
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)" || started=unknown
  dist="$(cd -- "${DIST}" 2>/dev/null && pwd)" || dist="${DIST}"
  S=([version]="${version}" [status]=running [next_step]=1 [id]="${id}" [owner]="${owner}" [machine]="${machine}"
     [started]="${started}" [dist]="${dist}")
  PREV=() WANT=() TOUCHED=()
  STATE_HOSTS=("${HOSTS[@]}")
  # The id is saved before any host is locked, so a re-run after a kill re-enters its own lock.
  why="$(write_checked "${PENDING_FILE}" "id=${id}"$'\n' 2>&1)" || die_state "${why:-cannot write ${PENDING_FILE}}"
  why=""
  take_fleet_lock
  local rc=0
  ( preflight_and_stage "${HOSTS[@]}"; save_prepared ) || rc=$?
  if (( rc != 0 )); then
    QUIET=1 on_hosts unlock_own_host "${HOSTS[@]}" || warn "could not release the fleet lock everywhere (${FAIL_REASON}); run ${NAME} unlock"
    rm -f -- "${PENDING_FILE}"
    exit "${rc}"
  fi
  read_state "${WORK}/prepared" || refuse "cannot read back the prepared state"
  # Keep the last rollout's record in the history, then make this one the state: from here on,
  # every host action is logged before it happens.
  local why=""
  if [[ -n "${previous}" ]]; then
    { mkdir -p -- "${HISTORY_DIR}" && cp -- "${previous}" "${HISTORY_DIR}/${FINISHED_ID:-unnamed-$$}"; } ||
      why="cannot keep the last rollout's record in ${HISTORY_DIR}"
  fi
  text="$(state_text)" || why="cannot list the state"
  [[ -n "${why}" ]] || why="$(write_checked "${STATE_FILE}" "${text}"$'\n' 2>&1)" || why="${why:-write failed}"
  if [[ -n "${why}" ]]; then
    QUIET=1 on_hosts unlock_own_host "${HOSTS[@]}" || warn "could not release the fleet lock everywhere (${FAIL_REASON}); run ${NAME} unlock"
    rm -f -- "${PENDING_FILE}"
    die_state "${why}"
  fi
  rm -f -- "${PENDING_FILE}"
  run_steps
}

# deploy VERSION again after it is done: nothing to do once every host is checked.
already_done() {
  say "the rollout of ${S[version]} is done; checking every host"
  on_hosts verify_host "${HOSTS[@]}" ||
    refuse "the rollout of ${S[version]} is done but not every host agrees: ${FAIL_REASON}. Run ${NAME} rollback, or deploy another version"
  release_fleet_lock
  say "done: all ${#HOSTS[@]} hosts run ${S[version]}"
  exit 0
}

# The subshell of cmd_deploy hands its result back through a file: the state it would save.
save_prepared() {
  local first=1 host
  for host in "${HOSTS[@]}"; do [[ "${PREV[${SERVICE}|${host}]}" == - ]] || first=0; done
  S[first]="${first}"
  state_text >"${WORK}/prepared" || refuse "cannot write ${WORK}/prepared"
}

continue_rollout() {
  check_host_set
  take_fleet_lock
  if [[ "${S[status]}" == paused && "${S[paused]:-}" != failure ]]; then
    S[next_step]=$(( S[next_step] + 1 ))
  fi
  S[paused]=""
  run_steps
}

parse_resume_flags() {
  while (( $# > 0 )); do
    case "$1" in
      --accept-host-changes) ACCEPT_HOST_CHANGES=1; shift ;;
      *) usage >&2; refuse "unknown argument: $1" ;;
    esac
  done
}

cmd_resume() {
  parse_resume_flags "$@"
  lock
  load_state
  if rolling_back; then finish_rollback; fi
  # A re-run of a resume that had already ended says how it ended.
  if [[ "${S[status]:-}" == 'done' ]]; then already_done; fi
  if [[ "${S[status]:-}" == rolled-back && "${S[ended]:-}" == failed ]]; then
    release_fleet_lock
    warn "the rollout of ${S[version]} failed and was rolled back (${S[reason]:-no reason recorded}): every host it touched runs its previous release"
    exit "${EXIT_FAILED}"
  fi
  unfinished || refuse "there is no paused or interrupted rollout to resume (status: ${S[status]:-none})"
  say "resuming the rollout of ${S[version]}"
  DIST="${S[dist]:-dist}"
  continue_rollout
}

already_rolled_back() {
  release_fleet_lock
  say "the rollout of ${S[version]} is already rolled back: every host it touched runs its previous release"
  exit 0
}

cmd_abort() {
  lock
  load_state
  if rolling_back; then finish_rollback; fi
  if [[ "${S[status]:-}" == rolled-back ]]; then already_rolled_back; fi
  unfinished || refuse "there is no paused or interrupted rollout to abort (status: ${S[status]:-none})"
  take_fleet_lock
  rollback "aborted at step ${S[next_step]}" aborted
  say "aborted: every host the rollout touched runs its previous release again"
}

cmd_rollback() {
  lock
  load_state
  [[ -n "${S[version]:-}" ]] || refuse "no rollout has run from this machine (state: ${STATE_DIR})"
  if rolling_back; then finish_rollback; fi
  if [[ "${S[status]}" == rolled-back ]]; then already_rolled_back; fi
  take_fleet_lock
  rollback "rolled back by hand from ${S[status]}" by-hand
  say "rolled back: every host the rollout touched runs its previous release again"
}

cmd_unlock() {
  lock
  load_state
  local host
  local -A seen=()
  local -a hosts=()
  for host in "${HOSTS[@]}" "${STATE_HOSTS[@]}"; do
    [[ -n "${seen[${host}]:-}" ]] || hosts+=("${host}")
    seen["${host}"]=1
  done
  say "breaking the fleet lock on ${#hosts[@]} host(s), whoever holds it"
  if ! on_hosts unlock_any_host "${hosts[@]}"; then
    warn "some hosts could not be unlocked: ${FAIL_REASON}"
    exit "${EXIT_REFUSED}"
  fi
  rm -f -- "${PENDING_FILE}"
  if unfinished || rolling_back; then
    say "the rollout of ${S[version]} is still ${S[status]}; its state is kept: resume, abort or rollback it"
  fi
}

# status: the state, then every host as the host itself says. Exit 0 when they agree.
cmd_status() {
  load_state
  local host svc running wanted line agree=1
  if [[ -z "${S[version]:-}" ]]; then
    say "no rollout has run from this machine (state: ${STATE_DIR})"
  else
    printf 'rollout of %s: %s\n' "${S[version]}" "${S[status]}"
    if unfinished; then
      printf 'next step: %s/%s (%s)\n' "${S[next_step]}" "${STEP_COUNT}" "$(describe_step "${S[next_step]}" || true)"
    fi
    if [[ -n "${S[reason]:-}" ]]; then printf 'reason: %s\n' "${S[reason]}"; fi
  fi
  local -a hosts=("${HOSTS[@]}")
  (( ${#STATE_HOSTS[@]} == 0 )) || hosts=("${STATE_HOSTS[@]}")
  QUIET=1 on_hosts inspect_host "${hosts[@]}" || true
  for host in "${hosts[@]}"; do
    if [[ "${OUT[${host}]:-}" != *release=* ]]; then
      line="${OUT[${host}]:-no answer}"
      printf '  %-24s unreachable: %s\n' "${host}" "${line//$'\n'/ }"
      agree=0
      continue
    fi
    line=""
    for svc in "${SERVICES[@]}"; do
      running="$(sed -n "s/^release=${svc} //p" <<<"${OUT[${host}]}")"
      wanted="${WANT[${svc}|${host}]:-}"
      line+=" ${svc}=${running}"
      if [[ -n "${wanted}" && "${running}" != "${wanted}" ]]; then line+=" (the state says ${wanted})"; agree=0; fi
    done
    running="$(sed -n 's/^lock=//p' <<<"${OUT[${host}]}")"
    [[ -z "${running}" ]] || line+="; locked by ${running}"
    printf '  %-24s%s\n' "${host}" "${line}"
  done
  if (( ! agree )); then
    warn "the hosts do not all run what the state says"
    exit "${EXIT_DISAGREE}"
  fi
}

main() {
  COMMAND="${1:-}"
  shift || true
  trap cleanup EXIT
  WORK="$(mktemp -d)" || refuse "cannot create a work directory"
  [[ "${CALL_TIMEOUT}" =~ ^[1-9][0-9]*$ ]] || refuse "DEPLOYC_TIMEOUT must be a number of seconds, not ${CALL_TIMEOUT}"
  [[ "${PLAIN_PARALLEL}" =~ ^[0-9]+$ ]] || refuse "DEPLOYC_PLAIN_PARALLEL must be a number, not ${PLAIN_PARALLEL}"
  case "${COMMAND}" in
    plan) plan ;;
    deploy) cmd_deploy "$@" ;;
    resume) cmd_resume "$@" ;;
    abort) cmd_abort ;;
    rollback) cmd_rollback ;;
    status) cmd_status ;;
    unlock) cmd_unlock ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit "${EXIT_REFUSED}" ;;
  esac
}

main "$@"
