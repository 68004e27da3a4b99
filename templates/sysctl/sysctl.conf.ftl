<#-- sysctl.d file. Keys and values arrive validated against the sysctl table; reasons are comment-escaped. -->
# ${header}
# Kernel settings of project `${projectComment}`. Install as /etc/sysctl.d/${fileName}, then run `sysctl --system`.
<#list settings as s>

# ${s.reason}
${s.key} = ${s.value}
</#list>
