<#-- A systemd unit. Every line arrives escaped by UnitEscaper; this template only lays them out. -->
# ${header}
# ${summary}
<#list sections as section>

[${section.name}]
<#list section.lines as line>
${line}
</#list>
</#list>
