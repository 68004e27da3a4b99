---
# ${header}
# The health gate on this host: every watched unit active and the health probe passing within
# healthy_deadline (retries x delay), then still passing for healthy_for (consecutive probes).
- name: Wait until the watched units are active
  ansible.builtin.systemd_service:
    name: "{{ item }}"
  loop: "{{ deployc_watch }}"
  register: deployc_unit_state
  until: deployc_unit_state.status.ActiveState | default('') == 'active'
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"

- name: Wait until the HTTP health probe answers 2xx
  ansible.builtin.uri:
    url: "{{ deployc_health.url }}"
    timeout: "{{ deployc_probe_timeout }}"
    status_code: "{{ range(200, 300) | list }}"
  register: deployc_probe
  until: deployc_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'http'

- name: Wait until the TCP health probe connects
  ansible.builtin.wait_for:
    host: 127.0.0.1
    port: "{{ deployc_health.port }}"
    timeout: "{{ deployc_probe_timeout }}"
  register: deployc_probe
  until: deployc_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  when: deployc_health.kind == 'tcp'

- name: Wait until the health command succeeds
  ansible.builtin.command:
    argv: "{{ deployc_health.argv }}"
  register: deployc_probe
  until: deployc_probe is succeeded
  retries: "{{ deployc_probe_retries }}"
  delay: "{{ deployc_probe_delay }}"
  changed_when: false
  when: deployc_health.kind == 'command'

- name: Stay healthy for healthy_for (HTTP)
  ansible.builtin.uri:
    url: "{{ deployc_health.url }}"
    timeout: "{{ deployc_probe_timeout }}"
    status_code: "{{ range(200, 300) | list }}"
  loop: "{{ range(deployc_healthy_probes) | list }}"
  loop_control:
    pause: "{{ deployc_probe_delay }}"
    label: "probe {{ item + 1 }} of {{ deployc_healthy_probes }}"
  when: deployc_health.kind == 'http'

- name: Stay healthy for healthy_for (TCP)
  ansible.builtin.wait_for:
    host: 127.0.0.1
    port: "{{ deployc_health.port }}"
    timeout: "{{ deployc_probe_timeout }}"
  loop: "{{ range(deployc_healthy_probes) | list }}"
  loop_control:
    pause: "{{ deployc_probe_delay }}"
    label: "probe {{ item + 1 }} of {{ deployc_healthy_probes }}"
  when: deployc_health.kind == 'tcp'

- name: Stay healthy for healthy_for (command)
  ansible.builtin.command:
    argv: "{{ deployc_health.argv }}"
  loop: "{{ range(deployc_healthy_probes) | list }}"
  loop_control:
    pause: "{{ deployc_probe_delay }}"
    label: "probe {{ item + 1 }} of {{ deployc_healthy_probes }}"
  changed_when: false
  when: deployc_health.kind == 'command'

- name: The watched units are still active
  ansible.builtin.systemd_service:
    name: "{{ item }}"
  loop: "{{ deployc_watch }}"
  register: deployc_unit_state
  failed_when: deployc_unit_state.status.ActiveState | default('') != 'active'
