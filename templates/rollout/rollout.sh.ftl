<#-- rollout.sh: values arrive escaped by ShellEscaper; comment text by UnitEscaper.comment. The engine is included verbatim. -->
#!/usr/bin/env bash
# ${header}
# Rolls project `${projectComment}` out over its fleet: service `${serviceComment}` as the canary plan below says,
# then the project's other services on every host.
#
<#list plan as line>
#${line}
</#list>
# No `set -e`: the engine's steps run inside conditions, where bash ignores it, so every
# command's failure is checked where it happens.
set -uo pipefail

readonly PROJECT=${project}
# The service the canary steps roll out.
readonly SERVICE=${service}
# Each host keeps PROJECT_BASE/<service>/releases/<version>/ and PROJECT_BASE/<service>/current,
# a symlink to the live release.
readonly PROJECT_BASE=${projectBase}
readonly UNITS_DIR=/etc/systemd/system
# Every service of the project, the canary's first; PLAIN are those without a canary, switched on
# every host after the canary's last step.
readonly SERVICES=(${services})
readonly PLAIN=(${plain})
readonly PROBE_INTERVAL=${probeInterval}
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

# service_config SERVICE: the binary, units and health of one service, as SVC_* variables.
# SVC_WATCH: the units that must be active for a host to count as healthy (the service and what
# Requires= or BindsTo= it).
service_config() {
  case "$1" in
<#list serviceConfigs as s>
    ${s.name})
      SVC_BINARY=${s.binary}
      SVC_UNITS=(${s.unitFiles})
      SVC_ENABLE=(${s.enable})
      SVC_SOCKETS=(${s.sockets})
      SVC_RESTART=${s.restart}
      SVC_WATCH=(${s.watch})
      SVC_HEALTH=(${s.health})
      SVC_PROBE_TIMEOUT=${s.probeTimeout}
      ;;
</#list>
    *) return 1 ;;
  esac
}

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
