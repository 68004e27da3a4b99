---
# ${header}
# Puts hosts back on the release recorded in <base>/previous-release, from one host (run_once)
# reaching each of them by delegation, so hosts of earlier waves are covered too. Reads
# deployc_rollback_hosts and, when set, deployc_version (only hosts live on it go back).
# A host whose previous release is empty had none: its service is stopped and `current` removed.
- name: Read each host's previous release
  ansible.builtin.slurp:
    src: "{{ deployc_base }}/previous-release"
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rollback_hosts }}"
  register: deployc_rb_previous
  failed_when: false

- name: Read each host's live release
  ansible.builtin.stat:
    path: "{{ deployc_base }}/current"
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rollback_hosts }}"
  register: deployc_rb_live

- name: Decide which hosts go back, and to what
  ansible.builtin.set_fact:
    deployc_rb_plan: >-
      {%- set plan = [] -%}
      {%- for prev in deployc_rb_previous.results -%}
      {%-   set live = (deployc_rb_live.results | selectattr('item', 'equalto', prev.item) | first).stat -%}
      {%-   set target = (prev.content | default('') | b64decode | trim) if prev.content is defined else none -%}
      {%-   set live_release = (live.lnk_target | default('') | basename) if live.islnk | default(false) else '' -%}
      {%-   if target is not none and live_release != target and live_release != ''
              and (deployc_version is not defined or live_release == deployc_version) -%}
      {%-     set _ = plan.append({'host': prev.item, 'to': target, 'from': live_release}) -%}
      {%-   endif -%}
      {%- endfor -%}
      {{ plan }}
  run_once: true  # noqa: run-once[task]

- name: Show the rollback
  ansible.builtin.debug:
    msg: "{{ item.host }}: {{ item.from }} -> {{ item.to if item.to else 'no release (service stopped)' }}"
  loop: "{{ deployc_rb_plan }}"
  run_once: true  # noqa: run-once[task]

- name: Switch current back to the previous release
  ansible.builtin.file:
    src: "releases/{{ item.to }}"
    dest: "{{ deployc_base }}/current"
    state: link
    force: true
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"

- name: Reinstall the previous release's unit files
  ansible.builtin.copy:
    src: "{{ deployc_base }}/releases/{{ item.0.to }}/systemd/{{ item.1 }}"
    dest: "/etc/systemd/system/{{ item.1 }}"
    remote_src: true
    mode: "0644"
  delegate_to: "{{ item.0.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | product(deployc_units) | list }}"
  register: deployc_rb_units

- name: Reload systemd on the hosts going back
  ansible.builtin.systemd_service:
    daemon_reload: true
  delegate_to: "{{ item }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_units.results | selectattr('changed') | map(attribute='item') | map('first') | map(attribute='host') | unique | list }}"

- name: Restart the service on the previous release
  ansible.builtin.systemd_service:
    name: "{{ deployc_restart }}"
    state: restarted
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"
  when: deployc_restart | length > 0

- name: Record the release the service now runs
  ansible.builtin.copy:
    content: "{{ item.to }}\n"
    dest: "{{ deployc_base }}/restarted-release"
    mode: "0644"
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"
  when: deployc_restart | length > 0

- name: Stop the service where there was no release before
  ansible.builtin.systemd_service:
    name: "{{ deployc_restart }}"
    state: stopped
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | rejectattr('to') | list }}"
  when: deployc_restart | length > 0

- name: Remove current where there was no release before
  ansible.builtin.file:
    path: "{{ deployc_base }}/current"
    state: absent
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | rejectattr('to') | list }}"

- name: Wait until the watched units are active again
  ansible.builtin.systemd_service:
    name: "{{ item.1 }}"
  delegate_to: "{{ item.0.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | product(deployc_watch) | list }}"
  register: deployc_rb_state
  until: deployc_rb_state.status.ActiveState | default('') == 'active'
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"

- name: Wait until the rolled-back hosts pass the HTTP health probe
  ansible.builtin.uri:
    url: "{{ deployc_health.url }}"
    timeout: "{{ deployc_probe_timeout }}"
    status_code: "{{ range(200, 300) | list }}"
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"
  register: deployc_rb_probe
  until: deployc_rb_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'http'

- name: Wait until the rolled-back hosts pass the TCP health probe
  ansible.builtin.wait_for:
    host: 127.0.0.1
    port: "{{ deployc_health.port }}"
    timeout: "{{ deployc_probe_timeout }}"
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"
  register: deployc_rb_probe
  until: deployc_rb_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'tcp'

- name: Wait until the rolled-back hosts pass the health command
  ansible.builtin.command:
    argv: "{{ deployc_health.argv }}"
  delegate_to: "{{ item.host }}"
  run_once: true  # noqa: run-once[task]
  loop: "{{ deployc_rb_plan | selectattr('to') | list }}"
  register: deployc_rb_probe
  until: deployc_rb_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  changed_when: false
  when: deployc_health.kind == 'command'
