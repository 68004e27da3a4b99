---
# ${header}
# Makes the staged release of one service live on this host: `current` switched atomically
# (a new link renamed over the old one), its unit files installed, daemon-reload only when they
# changed, sockets started (never restarted, so connections queue), the service restarted when
# anything changed. The release that was live before is written to <base>/previous-release first.
# Each task runs on at most `parallel` hosts at once.
- name: Read the live release
  ansible.builtin.stat:
    path: "{{ deployc_svc.base }}/current"
  register: deployc_live
  throttle: "{{ deployc_parallel }}"

- name: Record the previous release before switching
  ansible.builtin.copy:
    content: "{{ (deployc_live.stat.lnk_target | default('')) | basename }}\n"
    dest: "{{ deployc_svc.base }}/previous-release"
    mode: "0644"
  when: (deployc_live.stat.lnk_target | default('')) != 'releases/' ~ deployc_version
  throttle: "{{ deployc_parallel }}"

- name: Switch current to the release
  ansible.builtin.file:
    src: "releases/{{ deployc_version }}"
    dest: "{{ deployc_svc.base }}/current"
    state: link
    force: true
  register: deployc_switched
  throttle: "{{ deployc_parallel }}"

# From the controller: the same files that were staged into the release, so --check --diff
# shows the change even though nothing was staged.
- name: Install the release's unit files
  ansible.builtin.copy:
    src: "{{ playbook_dir }}/../systemd/{{ item }}"
    dest: "/etc/systemd/system/{{ item }}"
    mode: "0644"
  loop: "{{ deployc_svc.units }}"
  register: deployc_unit_files
  throttle: "{{ deployc_parallel }}"

- name: Reload systemd after unit changes
  ansible.builtin.systemd_service:
    daemon_reload: true
  when: deployc_unit_files.results | selectattr('changed') | list | length > 0
  throttle: "{{ deployc_parallel }}"

- name: Enable the units
  ansible.builtin.systemd_service:
    name: "{{ item }}"
    enabled: true
  loop: "{{ deployc_svc.enable }}"
  throttle: "{{ deployc_parallel }}"

- name: Start the sockets
  ansible.builtin.systemd_service:
    name: "{{ item }}"
    state: started
  loop: "{{ deployc_svc.sockets }}"
  throttle: "{{ deployc_parallel }}"

- name: Read which release the service was last restarted on
  ansible.builtin.slurp:
    src: "{{ deployc_svc.base }}/restarted-release"
  register: deployc_restarted
  failed_when: false
  throttle: "{{ deployc_parallel }}"

- name: Restart the service on the new release
  ansible.builtin.systemd_service:
    name: "{{ deployc_svc.restart }}"
    state: restarted
  when: >-
    deployc_svc.restart | length > 0 and (deployc_switched.changed or deployc_unit_files.changed
    or (deployc_restarted.content | default('') | b64decode | trim) != deployc_version)
  throttle: "{{ deployc_parallel }}"

# Written after the restart: a run killed between the switch and the restart restarts on re-run.
- name: Record the release the service now runs
  ansible.builtin.copy:
    content: "{{ deployc_version }}\n"
    dest: "{{ deployc_svc.base }}/restarted-release"
    mode: "0644"
  when: deployc_svc.restart | length > 0
  throttle: "{{ deployc_parallel }}"
