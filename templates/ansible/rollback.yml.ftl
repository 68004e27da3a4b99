---
# ${header}
# Puts the hosts of project `${projectComment}` back on the release each ran before the last
# rollout (recorded in <base>/previous-release when it switched), skipping every gate but health.
#
#   ansible-playbook -i inventory.yml rollback.yml [-e deployc_version=v1.4.2]
#
# With deployc_version, only hosts live on that release go back.
<#list services as s>

- name: Roll ${s.name} back
  hosts: "{{ ${s.hostsVar} | default('${s.group}') }}"
  gather_facts: false
  vars_files:
    - vars/${s.name}.yml
  tasks:
    - name: Put every host back on its previous release
      ansible.builtin.include_tasks: tasks/rollback.yml
      vars:
        deployc_rollback_hosts: "{{ ansible_play_hosts_all }}"
</#list>
