<#-- build.sh: every value below arrives escaped for the shell by ShellEscaper; this template only lays it out. -->
#!/usr/bin/env bash
# ${header}
# Builds the static Go binaries of project `${projectComment}` for ${targetsComment}.
set -euo pipefail

readonly MODULE=${module}
readonly GO_REQUIRED=${goRequired}
readonly TARGETS=(${targets})

usage() {
  cat <<'USAGE'
Usage: build.sh [--out DIR] [--help]

Run from the root of the Go module. Builds every service binary for every target into
DIR/<goos>_<goarch>/ (default DIR: dist), checks that each Linux binary is static, and
writes DIR/SHA256SUMS.

Environment:
  VERSION  the version stamped into the binaries (default: git describe --tags --always --dirty)
  COMMIT   the commit stamped into the binaries (default: git rev-parse HEAD)
  DATE     the build date (default: the commit's time, never the clock)
USAGE
}

die() {
  printf 'build.sh: %s\n' "$*" >&2
  exit 1
}

out_dir=dist
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || die "--out needs a directory"; out_dir="$2"; shift 2 ;;
    --out=*) out_dir="${r"${1#--out=}"}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

# Stops unless the installed Go (dotted version $1) is at least GO_REQUIRED.
require_go() {
  local -a have want
  local i
  IFS=. read -r -a have <<<"$1"
  IFS=. read -r -a want <<<"${r"${GO_REQUIRED}"}"
  for i in 0 1 2; do
    if (( 10#${r"${have[i]:-0}"} > 10#${r"${want[i]:-0}"} )); then return 0; fi
    if (( 10#${r"${have[i]:-0}"} < 10#${r"${want[i]:-0}"} )); then
      die "Go ${r"${GO_REQUIRED}"} or newer is needed, found $1"
    fi
  done
}

prepare() {
  command -v go >/dev/null 2>&1 || die "go is not installed"
  command -v readelf >/dev/null 2>&1 || die "readelf (binutils) is needed to check that the binaries are static"
<#if compress>
  command -v upx >/dev/null 2>&1 || die "upx is needed: the spec asks for compressed binaries"
</#if>
  local have module
  have="$(go env GOVERSION)"
  have="${r"${have#go}"}"
  require_go "${r"${have%%[!0-9.]*}"}"
  [[ -f go.mod ]] || die "run me from the root of the Go module ${r"${MODULE}"}: there is no go.mod here"
  module="$(go list -m)"
  [[ "${r"${module}"}" == "${r"${MODULE}"}" ]] || die "this is module ${r"${module}"}, not ${r"${MODULE}"}; run me from the root of ${r"${MODULE}"}"

  version="${r"${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"}"
  commit="${r"${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}"}"
  date="${r"${DATE:-$(git log -1 --format=%cI 2>/dev/null || echo 1970-01-01T00:00:00Z)}"}"
  local value
  for value in "${r"${version}"}" "${r"${commit}"}" "${r"${date}"}"; do
    [[ "${r"${value}"}" =~ ^[A-Za-z0-9._:+-]+$ ]] || die "refusing to stamp '${r"${value}"}': use letters, digits and . _ : + -"
  done
  mkdir -p -- "${r"${out_dir}"}"
}

# build_one GOOS GOARCH NAME PACKAGE TAGS
build_one() {
  local goos="$1" goarch="$2" name="$3" package="$4" tags="$5"
  local dir="${r"${out_dir}/${goos}_${goarch}"}" suffix=""
  [[ "${r"${goos}"}" == windows ]] && suffix=.exe
  mkdir -p -- "${r"${dir}"}"
  printf 'compile   %s for %s/%s\n' "${r"${name}"}" "${r"${goos}"}" "${r"${goarch}"}"
  local -a flags=(${flags})
  [[ -n "${r"${tags}"}" ]] && flags+=(-tags "${r"${tags}"}")
  env ${cgo} GOOS="${r"${goos}"}" GOARCH="${r"${goarch}"}" \
    go build "${r"${flags[@]}"}" -ldflags "${ldflags}" -o "${r"${dir}/${name}${suffix}"}" "${r"${package}"}"
<#if compress>
  if [[ "${r"${goos}"}" != darwin ]]; then
    upx --best --quiet "${r"${dir}/${name}${suffix}"}" >/dev/null
  fi
</#if>
}

compile() {
  local target goos goarch
  for target in "${r"${TARGETS[@]}"}"; do
    goos="${r"${target%/*}"}"
    goarch="${r"${target#*/}"}"
    rm -rf -- "${r"${out_dir:?}/${goos}_${goarch}"}"
<#list binaries as b>
    build_one "${r"${goos}"}" "${r"${goarch}"}" ${b.name} ${b.package} ${b.tags}
</#list>
  done
}

# A static binary has no program interpreter (PT_INTERP); ldd's exit code cannot tell.
verify() {
  local target goos goarch binary headers
  for target in "${r"${TARGETS[@]}"}"; do
    goos="${r"${target%/*}"}"
    goarch="${r"${target#*/}"}"
    [[ "${r"${goos}"}" == linux ]] || continue
    for binary in "${r"${out_dir}/${goos}_${goarch}"}"/*; do
      headers="$(LC_ALL=C readelf --program-headers --wide -- "${r"${binary}"}")" || die "${r"${binary}"} is not an ELF binary"
      if [[ "${r"${headers}"}" == *"Requesting program interpreter"* ]]; then
        die "${r"${binary}"} is dynamically linked: it needs a program interpreter"
      fi
      printf 'static    %s\n' "${r"${binary}"}"
    done
  done
}

checksum() {
  local sums="${r"${out_dir}"}/SHA256SUMS"
  (
    cd -- "${r"${out_dir}"}"
    find . -mindepth 2 -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum --
  ) >"${r"${sums}"}.tmp"
  mv -f -- "${r"${sums}"}.tmp" "${r"${sums}"}"
  printf 'checksums %s\n' "${r"${sums}"}"
}

prepare
compile
verify
checksum
