---
# ${header}
# The health of every host in deployc_fleet_hosts, probed from one host by delegation (after a bake,
# the hosts of earlier waves are no longer in the play's batch).
- name: Wait until the watched units are active on every switched host
  ansible.builtin.systemd_service:
    name: "{{ item.1 }}"
  delegate_to: "{{ item.0 }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_fleet_hosts | product(deployc_watch) | list }}"
  register: deployc_fh_state
  until: deployc_fh_state.status.ActiveState | default('') == 'active'
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"

- name: Wait until every switched host passes the HTTP health probe
  ansible.builtin.uri:
    url: "{{ deployc_health.url }}"
    timeout: "{{ deployc_probe_timeout }}"
    status_code: "{{ range(200, 300) | list }}"
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_fleet_hosts }}"
  register: deployc_fh_probe
  until: deployc_fh_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'http'

- name: Wait until every switched host passes the TCP health probe
  ansible.builtin.wait_for:
    host: 127.0.0.1
    port: "{{ deployc_health.port }}"
    timeout: "{{ deployc_probe_timeout }}"
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_fleet_hosts }}"
  register: deployc_fh_probe
  until: deployc_fh_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'tcp'

- name: Wait until every switched host passes the health command
  ansible.builtin.command:
    argv: "{{ deployc_health.argv }}"
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_fleet_hosts }}"
  register: deployc_fh_probe
  until: deployc_fh_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  changed_when: false
  when: deployc_health.kind == 'command'
