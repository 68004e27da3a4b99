# ---------------------------------------------------------------------------
# The rollout engine: the same in every generated rollout script. The plan
# above is the spec's; everything below only carries it out.
#
# Exit codes: 0 done, 1 failed and rolled back, 2 refused before changing
# anything (usage, lock, pre-flight), 3 paused (approval, no data, or a
# failure with on_failure = pause), 4 a rollback that did not complete.
# ---------------------------------------------------------------------------

readonly EXIT_FAILED=1 EXIT_REFUSED=2 EXIT_PAUSED=3 EXIT_ROLLBACK_INCOMPLETE=4
readonly PAUSE=10
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly NAME="rollout-${SERVICE}.sh"
STATE_DIR="${DEPLOYC_STATE_DIR:-${XDG_STATE_HOME:-${HOME}/.local/state}/deployc}/${PROJECT}-${SERVICE}"
readonly STATE_DIR
readonly STATE_FILE="${STATE_DIR}/state"
read -r -a TRANSPORT <<<"${DEPLOYC_TRANSPORT:-ssh -o BatchMode=yes -o ConnectTimeout=10}"
readonly TRANSPORT
declare -A S=()
FAIL_REASON=""
SWITCHED=()
WORK=""
DIST=dist
NEED_KIB=0
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

usage() {
  cat <<USAGE
Usage: ${NAME} COMMAND

Commands:
  plan                      print the rollout plan
  deploy VERSION [--dist D] roll VERSION out (binaries from D/linux_<arch>/, default: dist);
                            re-run after an interruption, it resumes where it stopped
  resume                    continue a paused or interrupted rollout
  abort                     roll back a paused or interrupted rollout
  rollback                  put every switched host back on its previous release, skipping all gates
  status                    show where the last rollout stands

Environment:
  DEPLOYC_TRANSPORT  how to reach a host: the command is run as TRANSPORT HOST COMMAND
                     (default: ssh -o BatchMode=yes -o ConnectTimeout=10)
  DEPLOYC_STATE_DIR  where rollout state is kept (default: \${XDG_STATE_HOME:-~/.local/state}/deployc)
USAGE
}

# --- the agent: runs on each host, one action per connection -----------------
AGENT="$(
  cat <<'AGENT'
# No `set -e` here either: each command's failure is checked where it happens.
set -uo pipefail
fail() { printf '%s\n' "$*" >&2; exit 1; }
current_of() {
  local target
  target="$(readlink -- "$1/current" 2>/dev/null)" || { printf -- '-\n'; return 0; }
  printf '%s\n' "${target##*/}"
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
  preflight) # BASE NEED_KIB
    command -v systemctl >/dev/null 2>&1 || fail "systemctl is not installed"
    mkdir -p -- "$1/releases" || fail "cannot create $1/releases"
    arch="$(uname -m)"
    case "${arch}" in
      x86_64) arch=amd64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) fail "unsupported architecture ${arch}" ;;
    esac
    free="$(df -Pk -- "$1" | awk 'NR == 2 { print $4 }')"
    [[ "${free}" =~ ^[0-9]+$ ]] || fail "cannot tell the free space of $1"
    (( free >= $2 )) || fail "only ${free} KiB free in $1, $2 KiB needed"
    current="$(current_of "$1")"
    printf 'arch=%s\ncurrent=%s\n' "${arch}" "${current}"
    ;;
  stage) # BASE VERSION, with the release as a tar stream on stdin
    dir="$1/releases/$2"
    tmp="$1/releases/.staging-$2-$$"
    rm -rf -- "${tmp}" || fail "cannot remove ${tmp}"
    mkdir -p -- "${tmp}" || fail "cannot create ${tmp}"
    tar -xf - -C "${tmp}" || { rm -rf -- "${tmp}"; fail "cannot unpack the release into ${tmp}"; }
    if [[ -d "${dir}" ]]; then
      same=0
      cmp -s -- "${tmp}/SHA256SUMS" "${dir}/SHA256SUMS" && same=1
      rm -rf -- "${tmp}"
      (( same )) || fail "release $2 is already on this host with other content; releases never change, so give this build a new version"
    else
      mv -T -- "${tmp}" "${dir}" || fail "cannot move the release into ${dir}"
    fi
    ;;
  activate) # BASE VERSION UNITS_DIR ENABLE(,) SOCKETS(,) RESTART
    base="$1" version="$2" units_dir="$3" restart="$6"
    IFS=, read -r -a enable <<<"$4"
    IFS=, read -r -a sockets <<<"$5"
    [[ -d "${base}/releases/${version}" ]] || fail "release ${version} is not staged"
    current="$(current_of "${base}")"
    if [[ "${current}" != "${version}" ]]; then
      # A new link renamed over the old one: rename(2) is atomic, ln -sfn is not.
      ln -s -- "releases/${version}" "${base}/.current-$$" || fail "cannot create a link in ${base}"
      mv -T -- "${base}/.current-$$" "${base}/current" || fail "cannot switch ${base}/current"
    fi
    changed=0
    for file in "${base}/releases/${version}/systemd/"*; do
      [[ -f "${file}" ]] || continue
      target="${units_dir}/${file##*/}"
      cmp -s -- "${file}" "${target}" && continue
      cp -- "${file}" "${target}.deployc-$$" || fail "cannot copy ${file##*/} into ${units_dir}"
      mv -f -- "${target}.deployc-$$" "${target}" || fail "cannot install ${target}"
      changed=1
    done
    if (( changed )); then systemctl daemon-reload || fail "systemctl daemon-reload failed"; fi
    if (( ${#enable[@]} )); then systemctl enable --quiet "${enable[@]}" || fail "cannot enable ${enable[*]}"; fi
    # Sockets are started, never restarted: connections queue in the kernel while the service restarts.
    if (( ${#sockets[@]} )); then systemctl start "${sockets[@]}" || fail "cannot start ${sockets[*]}"; fi
    if [[ -n "${restart}" ]]; then systemctl restart "${restart}" || fail "cannot restart ${restart}"; fi
    ;;
  deactivate) # BASE RESTART: the host had no release before this rollout
    if [[ -n "$2" ]]; then systemctl stop "$2" || fail "cannot stop $2"; fi
    rm -f -- "$1/current" || fail "cannot remove $1/current"
    ;;
  health) # HEALTHY_FOR DEADLINE TIMEOUT WATCH KIND ARGS...: healthy without a break for HEALTHY_FOR, within DEADLINE
    healthy_for="$1" deadline="$2"
    shift 2
    start="${SECONDS}" since=-1 why="never probed"
    while :; do
      if why="$(healthy "$@")"; then
        (( since >= 0 )) || since="${SECONDS}"
        (( SECONDS - since < healthy_for )) || exit 0
      else
        since=-1
      fi
      (( SECONDS - start < deadline )) || fail "not healthy for ${healthy_for}s within ${deadline}s: ${why:-unknown}"
      sleep 1
    done
    ;;
  probe) # TIMEOUT WATCH KIND ARGS...
    why="$(healthy "$@")" || fail "${why}"
    ;;
  *) fail "unknown action ${action}" ;;
esac
AGENT
)"
readonly AGENT

quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# remote HOST ACTION ARGS...: runs the agent on HOST through the transport.
remote() {
  local host="$1" arg command
  shift
  command="bash -c $(quote "${AGENT}") deployc-agent"
  for arg in "$@"; do command+=" $(quote "${arg}")"; done
  "${TRANSPORT[@]}" "${host}" "${command}" 9>&-
}

# --- state: one key=value file, replaced atomically --------------------------
load_state() {
  S=()
  [[ -f "${STATE_FILE}" ]] || return 0
  local key value
  while IFS='=' read -r key value; do
    [[ "${key}" =~ ^[a-z0-9_]+$ ]] && S["${key}"]="${value}"
  done <"${STATE_FILE}"
}

save_state() {
  local key
  {
    for key in "${!S[@]}"; do printf '%s=%s\n' "${key}" "${S[${key}]}"; done | LC_ALL=C sort
  } >"${STATE_FILE}.tmp"
  mv -f -- "${STATE_FILE}.tmp" "${STATE_FILE}"
}

set_state() {
  S["$1"]="$(one_line "$2")"
  save_state
}

lock() {
  mkdir -p -- "${STATE_DIR}"
  exec 9>>"${STATE_DIR}/lock"
  flock -n 9 || refuse "another rollout of ${SERVICE} is running from this machine (lock: ${STATE_DIR}/lock)"
}

cleanup() {
  if [[ -n "${WORK}" ]]; then rm -rf -- "${WORK}"; fi
}

host_index() {
  local i
  for i in "${!HOSTS[@]}"; do
    if [[ "${HOSTS[i]}" == "$1" ]]; then
      printf '%s' "${i}"
      return 0
    fi
  done
  return 1
}

# on_hosts FUNCTION HOST...: FUNCTION HOST on every host, AT_ONCE at a time; the
# output of each is shown with its host's name. Fails when any host failed, with
# FAIL_REASON naming the hosts and their last words.
on_hosts() {
  local fn="$1" host i rc=0
  shift
  local -a batch pids
  local reasons=""
  while (( $# > 0 )); do
    batch=("${@:1:AT_ONCE}")
    shift "${#batch[@]}"
    pids=()
    for host in "${batch[@]}"; do
      "${fn}" "${host}" >"${WORK}/${host}.out" 2>&1 &
      pids+=("$!")
    done
    for i in "${!batch[@]}"; do
      host="${batch[i]}"
      if ! wait "${pids[i]}"; then
        rc=1
        reasons+="${reasons:+; }${host}: $(tail -n 1 -- "${WORK}/${host}.out")"
      fi
      sed "s/^/  [${host}] /" -- "${WORK}/${host}.out"
    done
  done
  FAIL_REASON="$(one_line "${reasons}")"
  return "${rc}"
}

# --- the release, prepared locally once per architecture ---------------------
prepare_release() {
  local arch="$1" unit
  local tree="${WORK}/release-${arch}" binary="${DIST}/linux_${arch}/${BINARY}"
  [[ -f "${tree}.tar" ]] && return 0
  [[ -f "${binary}" && -x "${binary}" ]] || refuse "${binary} is missing: build VERSION=${S[version]} with build.sh first"
  if [[ -f "${DIST}/SHA256SUMS" ]]; then
    (cd -- "${DIST}" && awk -v file="./linux_${arch}/${BINARY}" '$2 == file' SHA256SUMS | sha256sum -c --quiet --strict -) >/dev/null 2>&1 ||
      refuse "${binary} does not match ${DIST}/SHA256SUMS"
  fi
  mkdir -p -- "${tree}/bin" "${tree}/systemd"
  cp -- "${binary}" "${tree}/bin/${BINARY}"
  for unit in "${UNIT_FILES[@]}"; do
    [[ -f "${SCRIPT_DIR}/systemd/${unit}" ]] || refuse "${SCRIPT_DIR}/systemd/${unit} is missing: run deployc build"
    cp -- "${SCRIPT_DIR}/systemd/${unit}" "${tree}/systemd/${unit}"
  done
  if ! (cd -- "${tree}" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum --) >"${tree}.sums"; then
    refuse "cannot checksum the release"
  fi
  mv -- "${tree}.sums" "${tree}/SHA256SUMS" || refuse "cannot checksum the release"
  tar -C "${tree}" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "${tree}.tar" .
}

preflight_host() { remote "$1" preflight "${BASE}" "${NEED_KIB}"; }

stage_host() {
  local arch
  arch="$(sed -n 's/^arch=//p' -- "${WORK}/$1.pre")"
  remote "$1" stage "${BASE}" "${S[version]}" <"${WORK}/release-${arch}.tar"
}

# activate_host HOST VERSION: switch, restart, then wait until healthy.
activate_host() {
  local enable sockets watch
  enable="$(IFS=,; printf '%s' "${ENABLE[*]}")"
  sockets="$(IFS=,; printf '%s' "${SOCKETS[*]}")"
  watch="$(IFS=,; printf '%s' "${WATCH[*]}")"
  remote "$1" activate "${BASE}" "$2" "${UNITS_DIR}" "${enable}" "${sockets}" "${RESTART}" || return 1
  say "$1 runs $2; waiting until it is healthy"
  remote "$1" health "${HEALTHY_FOR}" "${HEALTHY_DEADLINE}" "${PROBE_TIMEOUT}" "${watch}" "${HEALTH[@]}" || return 1
  say "$1 is healthy on $2"
}

switch_to_new() { activate_host "$1" "${S[version]}"; }

revert_host() {
  local i previous
  i="$(host_index "$1")"
  previous="${S[prev_${i}]}"
  if [[ "${previous}" == - ]]; then
    remote "$1" deactivate "${BASE}" "${RESTART}" && say "$1 had no release before; stopped"
  else
    activate_host "$1" "${previous}"
  fi
}

probe_host() {
  local watch
  watch="$(IFS=,; printf '%s' "${WATCH[*]}")"
  remote "$1" probe "${PROBE_TIMEOUT}" "${watch}" "${HEALTH[@]}"
}

# Sets SWITCHED to the hosts this rollout has switched, in fleet order.
switched_hosts() {
  local i
  SWITCHED=()
  for i in "${!HOSTS[@]}"; do
    if [[ "${S[switched_${i}]:-}" == 1 ]]; then SWITCHED+=("${HOSTS[i]}"); fi
  done
}

# --- steps -------------------------------------------------------------------
wave() {
  local number="$1" host i
  local -a hosts
  read -r -a hosts <<<"${WAVES[number - 1]}"
  set_state wave "${number}"
  # Switch PARALLEL hosts at a time; each is marked switched before it is touched,
  # so a rollback after an interruption covers it.
  while (( ${#hosts[@]} > 0 )); do
    local -a batch=("${hosts[@]:0:PARALLEL}")
    hosts=("${hosts[@]:PARALLEL}")
    for host in "${batch[@]}"; do
      i="$(host_index "${host}")"
      S["switched_${i}"]=1
    done
    save_state
    AT_ONCE="${PARALLEL}" on_hosts switch_to_new "${batch[@]}" || { FAIL_REASON="wave ${number}: ${FAIL_REASON}"; return 1; }
  done
}

bake() {
  local end=$(( SECONDS + $1 )) pause
  switched_hosts
  while (( SECONDS < end )); do
    pause=$(( end - SECONDS < PROBE_INTERVAL ? end - SECONDS : PROBE_INTERVAL ))
    sleep "${pause}"
    on_hosts probe_host "${SWITCHED[@]}" >/dev/null || { FAIL_REASON="bake: ${FAIL_REASON}"; return 1; }
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
  local body values count
  body="$(curl -fsS --max-time 10 --get --data-urlencode "query=$1" -- "${PROMETHEUS}/api/v1/query" 2>&1)" ||
    { printf 'prometheus: %s\n' "${body:0:400}"; return 1; }
  [[ "${body}" == *'"status":"success"'* ]] || { printf 'prometheus answered: %s\n' "${body:0:400}"; return 1; }
  values="$(grep -oE '"(value|result)": ?\[[-+0-9.eE]+, ?"[^"]*"\]' <<<"${body}" | sed -E 's/.*"([^"]*)"\]$/\1/' || true)"
  count="$(grep -c . <<<"${values}" || true)"
  (( count > 0 )) || return 3
  (( count == 1 )) || { printf 'the query returned %s series; a gate needs one value: aggregate it, e.g. with sum()\n' "${count}"; return 1; }
  # Rates over no traffic divide by zero: NaN is no data, not a value.
  [[ "${values}" != NaN ]] || return 3
  [[ "${values}" =~ ^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || { printf 'not a finite number: %s\n' "${values}"; return 1; }
  printf '%s\n' "${values}"
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
  switched_hosts
  GATE_URL="$2" GATE_TIMEOUT="${PROBE_TIMEOUT}"
  for (( n = 1; n <= count; n++ )); do
    (( n == 1 )) || sleep "${interval}"
    if on_hosts http_gate_host "${SWITCHED[@]}" >/dev/null; then
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
rollback_switched() {
  switched_hosts
  if (( ${#SWITCHED[@]} == 0 )); then
    say "no host was switched; nothing to roll back"
    return 0
  fi
  say "rolling back ${#SWITCHED[@]} host(s): ${SWITCHED[*]}"
  if ! on_hosts revert_host "${SWITCHED[@]}"; then
    set_state status rollback-incomplete
    set_state reason "rollback failed: ${FAIL_REASON}"
    warn "ROLLBACK INCOMPLETE: ${FAIL_REASON}; these hosts need attention"
    exit "${EXIT_ROLLBACK_INCOMPLETE}"
  fi
  local i
  for i in "${!HOSTS[@]}"; do unset "S[switched_${i}]"; done
  save_state
}

fail_step() {
  local step="$1" reason="$2"
  if [[ "${ON_FAILURE}" == pause ]]; then
    S[paused]=failure
    set_state status paused
    set_state reason "step ${step} ($(describe_step "${step}" || true)) failed: ${reason}"
    warn "paused: ${S[reason]}"
    warn "fix the cause, then run ${NAME} resume to retry the step, or ${NAME} abort to roll back"
    exit "${EXIT_PAUSED}"
  fi
  set_state reason "step ${step} ($(describe_step "${step}" || true)) failed: ${reason}"
  warn "FAILED: ${S[reason]}"
  rollback_switched
  set_state status rolled-back
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
    wave 1 || fail_step 0 "${FAIL_REASON}"
    finish
  fi
  while (( S[next_step] <= STEP_COUNT )); do
    step="${S[next_step]}"
    say "step ${step}/${STEP_COUNT}: $(describe_step "${step}" || true)"
    rc=0
    run_step "${step}" || rc=$?
    if (( rc == PAUSE )); then
      S[paused]=approve
      set_state status paused
      set_state reason "step ${step}: ${FAIL_REASON}"
      say "paused: ${FAIL_REASON}"
      say "run ${NAME} resume to go on, or ${NAME} abort to roll back"
      exit "${EXIT_PAUSED}"
    elif (( rc != 0 )); then
      fail_step "${step}" "${FAIL_REASON}"
    fi
    set_state next_step $(( step + 1 ))
  done
  finish
}

finish() {
  local i
  for i in "${!HOSTS[@]}"; do S["switched_${i}"]=1; done
  S[reason]=""
  set_state status 'done'
  say "done: all ${#HOSTS[@]} hosts run ${S[version]}"
  exit 0
}

unfinished() { [[ "${S[status]:-}" == running || "${S[status]:-}" == paused ]]; }

cmd_deploy() {
  local version="${1:-}"
  shift || true
  DIST=dist
  while (( $# > 0 )); do
    case "$1" in
      --dist) (( $# >= 2 )) || refuse "--dist needs a directory"; DIST="$2"; shift 2 ;;
      --dist=*) DIST="${1#--dist=}"; shift ;;
      *) usage >&2; refuse "unknown argument: $1" ;;
    esac
  done
  [[ "${version}" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || refuse "give a version made of letters, digits and . _ + -, such as v1.4.2"
  lock
  load_state
  if unfinished; then
    [[ "${S[version]}" == "${version}" ]] ||
      refuse "the rollout of ${S[version]} is ${S[status]}: run ${NAME} resume, ${NAME} abort or ${NAME} rollback first"
    say "resuming the rollout of ${version} at step ${S[next_step]}"
    resume_paused
    run_steps
  fi
  S=([version]="${version}" [status]=preparing [next_step]=1 [started]="$(date -u +%Y-%m-%dT%H:%M:%SZ)")
  save_state
  NEED_KIB="$(find "${DIST}" -path "*/linux_*/${BINARY}" -type f -printf '%s\n' 2>/dev/null | sort -n | tail -n 1)"
  [[ -n "${NEED_KIB}" ]] || refuse "no ${BINARY} binary under ${DIST}/linux_*/: build ${version} with build.sh first"
  NEED_KIB=$(( NEED_KIB * 2 / 1024 + 10240 ))
  say "pre-flight: ${#HOSTS[@]} hosts"
  on_hosts preflight_host "${HOSTS[@]}" >/dev/null || refuse "pre-flight failed, nothing was changed: ${FAIL_REASON}"
  local host i arch current first=1
  for i in "${!HOSTS[@]}"; do
    host="${HOSTS[i]}"
    grep -E '^(arch|current)=' -- "${WORK}/${host}.out" >"${WORK}/${host}.pre" || refuse "${host}: pre-flight said nothing"
    arch="$(sed -n 's/^arch=//p' -- "${WORK}/${host}.pre")"
    current="$(sed -n 's/^current=//p' -- "${WORK}/${host}.pre")"
    S["prev_${i}"]="${current}"
    [[ "${current}" == - ]] || first=0
    [[ "${current}" != "${version}" ]] || refuse "${host} already runs ${version}"
    prepare_release "${arch}"
  done
  S[first]="${first}"
  save_state
  say "staging ${version} on every host (not activated)"
  on_hosts stage_host "${HOSTS[@]}" || refuse "staging failed, no host was switched: ${FAIL_REASON}"
  run_steps
}

resume_paused() {
  if [[ "${S[status]}" == paused && "${S[paused]:-}" != failure ]]; then
    S[next_step]=$(( S[next_step] + 1 ))
  fi
  S[paused]=""
}

cmd_resume() {
  lock
  load_state
  unfinished || refuse "there is no paused or interrupted rollout to resume (status: ${S[status]:-none})"
  say "resuming the rollout of ${S[version]}"
  resume_paused
  run_steps
}

cmd_abort() {
  lock
  load_state
  unfinished || refuse "there is no paused or interrupted rollout to abort (status: ${S[status]:-none})"
  set_state reason "aborted at step ${S[next_step]}"
  rollback_switched
  set_state status rolled-back
  say "aborted: every switched host runs its previous release again"
}

cmd_rollback() {
  lock
  load_state
  [[ -n "${S[version]:-}" ]] || refuse "no rollout has run from this machine (state: ${STATE_DIR})"
  [[ "${S[status]}" != rolled-back ]] || refuse "the rollout of ${S[version]} is already rolled back"
  set_state reason "rolled back by hand from ${S[status]}"
  rollback_switched
  set_state status rolled-back
  say "rolled back: every switched host runs its previous release again"
}

cmd_status() {
  load_state
  if [[ -z "${S[version]:-}" ]]; then
    say "no rollout has run from this machine (state: ${STATE_DIR})"
    return 0
  fi
  printf 'rollout of %s: %s\n' "${S[version]}" "${S[status]}"
  if unfinished; then
    printf 'next step: %s/%s (%s)\n' "${S[next_step]}" "${STEP_COUNT}" "$(describe_step "${S[next_step]}" || true)"
  fi
  if [[ -n "${S[reason]:-}" ]]; then printf 'reason: %s\n' "${S[reason]}"; fi
  local i on
  for i in "${!HOSTS[@]}"; do
    on="${S[prev_${i}]:-?} (previous release)"
    if [[ "${S[switched_${i}]:-}" == 1 ]]; then on="${S[version]}"; fi
    printf '  %-24s %s\n' "${HOSTS[i]}" "${on}"
  done
}

main() {
  local command="${1:-}"
  shift || true
  trap cleanup EXIT
  WORK="$(mktemp -d)"
  case "${command}" in
    plan) plan ;;
    deploy) cmd_deploy "$@" ;;
    resume) cmd_resume ;;
    abort) cmd_abort ;;
    rollback) cmd_rollback ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit "${EXIT_REFUSED}" ;;
  esac
}

main "$@"
