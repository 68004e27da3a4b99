---
# ${header}
# An `http` check: the URL answers 2xx on every switched host, `count` measurements about
# `interval` apart; the check fails when more than `failures` measurements failed. Reads
# deployc_check, deployc_step and deployc_fleet_hosts.
- name: Probe the URL on every switched host
  ansible.builtin.uri:
    url: "{{ deployc_check.url }}"
    timeout: "{{ deployc_probe_timeout }}"
    status_code: "{{ range(200, 300) | list }}"
  delegate_to: "{{ item.1 }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ range(deployc_check.count) | product(deployc_fleet_hosts) | list }}"
  loop_control:
    pause: "{{ (deployc_check.interval / (deployc_fleet_hosts | length)) | round(1) }}"
    label: "measurement {{ item.0 + 1 }} of {{ deployc_check.count }} on {{ item.1 }}"
  register: deployc_probed
  failed_when: false

- name: Judge the measurements
  ansible.builtin.set_fact:
    deployc_verdict: >-
      {%- set ns = namespace(bad=[]) -%}
      {%- for r in deployc_probed.results if not (200 <= (r.status | default(-1) | int) < 300) -%}
      {%-   set ns.bad = ns.bad + [r.item.0] -%}
      {%- endfor -%}
      {%- set count = ns.bad | unique | list | length -%}
      {{ 'pass' if count <= deployc_check.failures else 'failed: check ' ~ deployc_check.name ~ ': ' ~ deployc_check.url
         ~ ' did not answer 2xx on every switched host (' ~ count ~ ' of ' ~ deployc_check.count
         ~ ' measurements failed, ' ~ deployc_check.failures ~ ' allowed)' }}

- name: Pass or fail the check
  ansible.builtin.assert:
    that: deployc_verdict == 'pass'
    fail_msg: "step {{ deployc_step }} {{ deployc_verdict }}"
    success_msg: "step {{ deployc_step }}: check {{ deployc_check.name }} passed"
  run_once: true  # noqa: run-once[task]
