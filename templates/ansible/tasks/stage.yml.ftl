---
# ${header}
# Stages one service's release on this host without activating it:
# <base>/releases/<version>/{bin/<binary>,systemd/*}. Releases never change.
- name: Find the binary for this host's architecture
  ansible.builtin.set_fact:
    deployc_arch: "{{ {'x86_64': 'amd64', 'aarch64': 'arm64', 'arm64': 'arm64'}[ansible_facts.architecture] | default('unsupported') }}"

- name: Check the binary against SHA256SUMS on the controller
  ansible.builtin.stat:
    path: "{{ deployc_dist }}/linux_{{ deployc_arch }}/{{ deployc_svc.binary }}"
    checksum_algorithm: sha256
  delegate_to: localhost
  become: false
  register: deployc_local_binary

- name: Refuse a binary that is missing or does not match SHA256SUMS
  ansible.builtin.assert:
    that:
      - deployc_local_binary.stat.exists
      - deployc_local_binary.stat.checksum == deployc_expected_sum
    fail_msg: >-
      {{ deployc_dist }}/linux_{{ deployc_arch }}/{{ deployc_svc.binary }} is missing or does not match
      {{ deployc_dist }}/SHA256SUMS: build {{ deployc_version }} with build.sh first
    quiet: true
  vars:
    deployc_expected_sum: >-
      {{ lookup('ansible.builtin.file', deployc_dist ~ '/SHA256SUMS')
         | regex_findall('(?m)^([0-9a-f]{64}) [ *](?:\./)?linux_' ~ deployc_arch ~ '/' ~ (deployc_svc.binary | regex_escape) ~ '$')
         | first | default('no entry in SHA256SUMS') }}

- name: Read a release already staged under this version
  ansible.builtin.stat:
    path: "{{ deployc_svc.base }}/releases/{{ deployc_version }}/bin/{{ deployc_svc.binary }}"
    checksum_algorithm: sha256
  register: deployc_staged

- name: Refuse to change a release that is already on the host
  ansible.builtin.assert:
    that: not deployc_staged.stat.exists or deployc_staged.stat.checksum == deployc_local_binary.stat.checksum
    fail_msg: >-
      release {{ deployc_version }} of {{ deployc_svc.name }} is already on this host with another binary;
      releases never change, so give this build a new version
    quiet: true

- name: Create the release directories
  ansible.builtin.file:
    path: "{{ deployc_svc.base }}/releases/{{ deployc_version }}/{{ item }}"
    state: directory
    mode: "0755"
  loop:
    - bin
    - systemd

- name: Copy the binary into the release
  ansible.builtin.copy:
    src: "{{ deployc_local_binary.stat.path }}"
    dest: "{{ deployc_svc.base }}/releases/{{ deployc_version }}/bin/{{ deployc_svc.binary }}"
    mode: "0755"

- name: Copy the unit files into the release
  ansible.builtin.copy:
    src: "{{ playbook_dir }}/../systemd/{{ item }}"
    dest: "{{ deployc_svc.base }}/releases/{{ deployc_version }}/systemd/{{ item }}"
    mode: "0644"
  loop: "{{ deployc_svc.units }}"
