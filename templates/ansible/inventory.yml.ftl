---
# ${header}
# The hosts of every plan, in plan order, one group per canary service. Connection settings
# (ansible_host, ansible_user, become) belong in your own inventory or group_vars: pass both with
# -i, or point a play at a group of your own with -e deployc_hosts_<service>=GROUP.
all:
  children:
<#list groups as g>
    ${g.name}:
      hosts:
<#list g.hosts as h>
        ${h.name}:<#if h.user??>
          ansible_user: ${h.user}<#else> {}</#if>
</#list>
</#list>
