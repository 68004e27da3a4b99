<#-- rollout.sh: values arrive escaped by ShellEscaper; comment text by UnitEscaper.comment. The engine is included verbatim. -->
#!/usr/bin/env bash
# ${header}
# Rolls service `${serviceComment}` of project `${projectComment}` out over its fleet, as the plan below says.
#
<#list plan as line>
#${line}
</#list>
# No `set -e`: the engine's steps run inside conditions, where bash ignores it, so every
# command's failure is checked where it happens.
set -uo pipefail

readonly PROJECT=${project}
readonly SERVICE=${service}
readonly BINARY=${binary}
# Each host keeps BASE/releases/<version>/ and BASE/current, a symlink to the live release.
readonly BASE=${base}
readonly UNITS_DIR=/etc/systemd/system
readonly UNIT_FILES=(${unitFiles})
readonly ENABLE=(${enable})
readonly SOCKETS=(${sockets})
readonly RESTART=${restart}
# Units that must be active for a host to count as healthy: the service and what Requires= or BindsTo= it.
readonly WATCH=(${watch})
readonly HEALTH=(${health})
readonly PROBE_INTERVAL=${probeInterval}
readonly PROBE_TIMEOUT=${probeTimeout}
readonly HEALTHY_FOR=${healthyFor}
readonly HEALTHY_DEADLINE=${healthyDeadline}
readonly PARALLEL=${parallel}
readonly ON_FAILURE=${onFailure}
readonly PROMETHEUS=${prometheus}
readonly HOSTS=(
<#list hosts as host>
  ${host}
</#list>
)
WAVES=(
<#list waves as wave>
  ${wave}
</#list>
)
readonly STEP_COUNT=${steps?size}

plan() {
  cat <<'END_OF_PLAN'
<#list planText as line>
${line}
</#list>
END_OF_PLAN
}

describe_step() {
  case "$1" in
    0) printf 'first deploy: every host at once' ;;
<#list steps as step>
    ${step?counter}) printf '%s' ${step.description} ;;
</#list>
    *) printf 'none' ;;
  esac
}

run_step() {
  case "$1" in
<#list steps as step>
    ${step?counter})
<#list step.calls as call>
      ${call} || return $?
</#list>
      ;;
</#list>
    *) return 1 ;;
  esac
}

<#include "rollout-lib.sh" parse=false>
