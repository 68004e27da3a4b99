---
# ${header}
# A `query` check from the controller: `count` measurements `interval` apart; a measurement fails
# on a Prometheus error, more than one series, a non-finite value or a value outside min..max; an
# empty result or NaN is no data, which `no_data` turns into a pass, a failure or a pause. The
# check fails when more than `failures` measurements failed. Reads deployc_check and deployc_step.
- name: Measure with Prometheus
  ansible.builtin.uri:
    url: "{{ deployc_prometheus }}/api/v1/query?query={{ deployc_check.query | urlencode }}"
    timeout: 10
  delegate_to: localhost
  become: false
  run_once: true  # noqa: run-once[task]
  loop: "{{ range(deployc_check.count) | list }}"
  loop_control:
    pause: "{{ deployc_check.interval }}"
    label: "measurement {{ item + 1 }} of {{ deployc_check.count }}"
  register: deployc_measured
  failed_when: false

- name: Judge the measurements
  ansible.builtin.set_fact:
    deployc_verdict: >-
      {%- set ns = namespace(failed=0, verdict='pass', why='') -%}
      {%- for r in deployc_measured.results if ns.verdict == 'pass' -%}
      {%-   set body = r.json | default({}) -%}
      {%-   set series = body.data.result | default(none) if body.status | default('') == 'success' else none -%}
      {%-   set ns.why = '' -%}
      {%-   if series is none -%}
      {%-     set ns.why = 'prometheus: ' ~ (r.msg | default('no answer')) -%}
      {%-   elif series | length == 0 or (series | length == 1 and (series[0].value[1] | string) == 'NaN') -%}
      {%-     if deployc_check.no_data == 'pause' -%}
      {%-       set ns.verdict = 'paused: check ' ~ deployc_check.name ~ ': the query returned no data (no_data = pause)' -%}
      {%-     elif deployc_check.no_data == 'fail' -%}
      {%-       set ns.why = 'no data (no_data = fail)' -%}
      {%-     endif -%}
      {%-   elif series | length > 1 -%}
      {%-     set ns.why = 'the query returned ' ~ (series | length) ~ ' series; a gate needs one value: aggregate it, e.g. with sum()' -%}
      {%-   elif (series[0].value[1] | string) is not match('^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$') -%}
      {%-     set ns.why = 'not a finite number: ' ~ series[0].value[1] -%}
      {%-   elif (deployc_check.min | length > 0 and (series[0].value[1] | float) < (deployc_check.min | float))
              or (deployc_check.max | length > 0 and (series[0].value[1] | float) > (deployc_check.max | float)) -%}
      {%-     set ns.why = (series[0].value[1] | string) ~ ' is outside ' ~ (deployc_check.min or '-inf') ~ '..' ~ (deployc_check.max or '+inf') -%}
      {%-   endif -%}
      {%-   if ns.why -%}
      {%-     set ns.failed = ns.failed + 1 -%}
      {%-     if ns.failed > deployc_check.failures -%}
      {%-       set ns.verdict = 'failed: check ' ~ deployc_check.name ~ ': ' ~ ns.why ~ ' (' ~ ns.failed ~ ' of '
                  ~ deployc_check.count ~ ' measurements failed, ' ~ deployc_check.failures ~ ' allowed)' -%}
      {%-     endif -%}
      {%-   endif -%}
      {%- endfor -%}
      {{ ns.verdict }}

- name: Pause on no data
  ansible.builtin.set_fact:
    deployc_pause_reason: "{{ deployc_verdict }}"
    deployc_resume_step: "{{ deployc_step + 1 }}"
  when: deployc_verdict.startswith('paused:')

- name: Pass or fail the check
  ansible.builtin.assert:
    that: deployc_verdict == 'pass'
    fail_msg: "step {{ deployc_step }} {{ deployc_verdict }}"
    success_msg: "step {{ deployc_step }}: check {{ deployc_check.name }} passed"
  run_once: true  # noqa: run-once[task]
