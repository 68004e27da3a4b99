<#-- sysusers.d file. Names arrive checked (user-name rules); comments are comment-escaped. -->
# ${header}
# The static accounts of project `${projectComment}`. Install as /etc/sysusers.d/${fileName}, then run
# `systemd-sysusers`; an account that exists already is left exactly as it is.
<#list lines as line>

# ${line.reason}
${line.text}
</#list>
