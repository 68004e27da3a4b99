---
# ${header}
# The plan of service `${serviceComment}` as data for deploy.yml and rollback.yml. Every value
# from the spec is tagged !unsafe: Ansible passes it on and never evaluates it as a template.
deployc_service: ${service}
deployc_base: ${base}
deployc_binary: ${binary}
deployc_units: ${units}
deployc_enable: ${enable}
deployc_sockets: ${sockets}
deployc_restart: ${restart}
# Units that must be active for a host to count as healthy: the service and what Requires= or BindsTo= it.
deployc_watch: ${watch}
deployc_health:
  kind: ${healthKind}
<#list healthFields as f>
  ${f}
</#list>
# Probes ${probeDelay}s apart; healthy_deadline ${healthyDeadline}s = ${probeRetries} retries; healthy_for ${healthyFor}s = ${healthyProbes} more probes.
deployc_probe_delay: ${probeDelay}
deployc_probe_timeout: ${probeTimeout}
deployc_probe_retries: ${probeRetries}
deployc_healthy_probes: ${healthyProbes}
deployc_parallel: ${parallel}
deployc_on_failure: ${onFailure}
deployc_prometheus: ${prometheus}
deployc_plan_hosts:
<#list hosts as h>
  - ${h}
</#list>
deployc_waves:
<#list waves as w>
  - ${w}
</#list>
deployc_wave_of:
<#list waveOf as w>
  ${w}
</#list>
# The hosts on the new release once wave N is done.
deployc_through:
<#list through as t>
  ${t}
</#list>
# The spec's values for the steps that gate or stop, by step number (see deploy.yml).
<#if steps?has_content>
deployc_steps:
<#list steps as line>
  ${line}
</#list>
<#else>
deployc_steps: {}
</#if>
# Every service of the project: staged on every host; those without a canary go live at once.
deployc_project_services:
<#list projectServices as p>
  - name: ${p.name}
    base: ${p.base}
    binary: ${p.binary}
    units: ${p.units}
    enable: ${p.enable}
    sockets: ${p.sockets}
    restart: ${p.restart}
    canary: ${p.canary}
</#list>
