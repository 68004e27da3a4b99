---
# ${header}
# Rolls project `${projectComment}` out with Ansible: every host of a plan gets the whole project
# staged, then each canary service goes live wave by wave, exactly as its plan below says.
#
#   ansible-playbook -i inventory.yml deploy.yml -e deployc_version=v1.4.2 -e deployc_dist=/path/to/dist
#
# Remote user and privilege escalation come from your inventory or command line (ansible_user,
# ansible_become, -u, -b); nothing here sets them. Continue after an approval or a no-data pause
# with -e deployc_resume_from=<step>, as the stop message says; roll back with rollback.yml.
<#list services as s>

# ---- service `${s.comment}` ------------------------------------------------------------------
<#list s.plan as line>
#${line}
</#list>

- name: Stage ${s.name} and the rest of the project on every host of its plan
  hosts: "{{ ${s.hostsVar} | default('${s.group}') }}"
  gather_facts: false
  vars_files:
    - vars/${s.name}.yml
  tasks:
    - name: Check the version, the dist directory and the hosts against the plan
      ansible.builtin.assert:
        that:
          - deployc_version is defined
          - deployc_version is string
          - deployc_version is match('^[A-Za-z0-9][A-Za-z0-9._+-]*$')
          - deployc_dist is defined
          - ansible_play_hosts_all == deployc_plan_hosts
        fail_msg: >-
          run with -e deployc_version=VERSION -e deployc_dist=DIR (the output of build.sh); the play's
          hosts must be exactly the plan's, in its order: {{ deployc_plan_hosts | join(', ') }}
          (these are: {{ ansible_play_hosts_all | join(', ') }})
        quiet: true
      run_once: true

    - name: Read the architecture
      ansible.builtin.setup:
        gather_subset:
          - "!all"
          - "!min"
          - platform

    - name: Stage every service's release
      ansible.builtin.include_tasks: tasks/stage.yml
      loop: "{{ deployc_project_services }}"
      loop_control:
        loop_var: deployc_svc
        label: "{{ deployc_svc.name }}"

    - name: Install the project's sysctl.d files
      ansible.builtin.copy:
        src: "{{ item }}"
        dest: "/etc/sysctl.d/{{ item | basename }}"
        mode: "0644"
      loop: "{{ query('ansible.builtin.fileglob', playbook_dir ~ '/../sysctl.d/*.conf') | sort if (playbook_dir ~ '/../sysctl.d') is directory else [] }}"
      register: deployc_sysctl

    - name: Apply the changed sysctl.d files
      ansible.builtin.command:
        argv: [sysctl, --load, "{{ item.dest }}"]
      loop: "{{ deployc_sysctl.results | selectattr('changed') | list }}"
      loop_control:
        label: "{{ item.dest | default('') }}"
      changed_when: true

    - name: Install the project's sysusers.d files
      ansible.builtin.copy:
        src: "{{ item }}"
        dest: "/etc/sysusers.d/{{ item | basename }}"
        mode: "0644"
      loop: "{{ query('ansible.builtin.fileglob', playbook_dir ~ '/../sysusers.d/*.conf') | sort if (playbook_dir ~ '/../sysusers.d') is directory else [] }}"
      register: deployc_sysusers

    - name: Create the users of the changed sysusers.d files
      ansible.builtin.command:
        argv: [systemd-sysusers, "{{ item.dest }}"]
      loop: "{{ deployc_sysusers.results | selectattr('changed') | list }}"
      loop_control:
        label: "{{ item.dest | default('') }}"
      changed_when: true

    - name: Make the services without a canary live at once
      ansible.builtin.include_tasks: tasks/activate.yml
      loop: "{{ deployc_project_services | rejectattr('canary') | list }}"
      loop_control:
        loop_var: deployc_svc
        label: "{{ deployc_svc.name }}"

    - name: Read which release ${s.name} runs before the rollout
      ansible.builtin.stat:
        path: "{{ deployc_base }}/current"
      register: deployc_before

    - name: Remember whether this host already runs the release
      ansible.builtin.set_fact:
        deployc_was_live: "{{ (deployc_before.stat.lnk_target | default('')) == 'releases/' ~ deployc_version }}"

- name: Roll ${s.name} out wave by wave
  hosts: "{{ ${s.hostsVar} | default('${s.group}') }}"
  gather_facts: false
  serial: ${s.serial}
  max_fail_percentage: 0
  strategy: ansible.builtin.linear
  vars_files:
    - vars/${s.name}.yml
  vars:
    deployc_svc: "{{ deployc_project_services | selectattr('name', 'equalto', deployc_service) | first }}"
    deployc_wave: "{{ deployc_wave_of[inventory_hostname] }}"
    # Steps run only while every host of this wave is healthy, and not on a fleet that was already
    # on the release (a re-run), nor in check mode (nothing changed to judge), nor before deployc_resume_from.
    deployc_wave_ok: >-
      {{ ansible_play_batch | map('extract', hostvars) | selectattr('deployc_healthy', 'defined') | list | length
         == ansible_play_batch | length }}
    deployc_converged: "{{ ansible_play_hosts_all | map('extract', hostvars) | rejectattr('deployc_was_live') | list | length == 0 }}"
  tasks:
    - name: Roll out, and on failure put every switched host back
      block:
<#list s.before as step>
<@stepTasks step/>
</#list>
        - name: Switch this wave's hosts to the release
          ansible.builtin.include_tasks: tasks/activate.yml

        - name: Gate this wave on health
          ansible.builtin.include_tasks: tasks/health.yml

        - name: Mark this host healthy
          ansible.builtin.set_fact:
            deployc_healthy: true
<#list s.after as step>
<@stepTasks step/>
</#list>
      rescue:
        - name: Put every switched host back on its previous release
          ansible.builtin.include_tasks: tasks/rollback.yml
          vars:
            deployc_rollback_hosts: "{{ ansible_play_hosts_all }}"
          when: deployc_pause_reason is not defined and deployc_on_failure == 'rollback'

        - name: Stop the rollout
          ansible.builtin.fail:
            msg: >-
              {% if deployc_pause_reason is defined %}{{ deployc_pause_reason }}; to continue, run deploy.yml again with
              the same -e options and -e deployc_resume_from={{ deployc_resume_step }}; to abort, run rollback.yml{% elif
              deployc_on_failure == 'rollback' %}rollout of {{ deployc_version }} failed: {{ ansible_failed_result.msg | default('see above') }};
              every switched host was put back on its previous release{% else %}rollout of {{ deployc_version }} failed:
              {{ ansible_failed_result.msg | default('see above') }}; paused (on_failure = pause): run deploy.yml again to
              retry, or rollback.yml to abort{% endif %}
</#list>
<#macro stepTasks step>

        # step ${step.number}: ${step.summary}
<#if step.kind == "bake">
        - name: "Step ${step.number}: bake ${step.duration}"
          ansible.builtin.pause:
            seconds: ${step.seconds}
          run_once: true
          when: ${step.when}

        - name: "Step ${step.number}: every switched host is still healthy"
          ansible.builtin.include_tasks: tasks/fleet-health.yml
          vars:
            deployc_fleet_hosts: "{{ deployc_through[${step.wave}] }}"
          when: ${step.when}
<#elseif step.kind == "approve">
        - name: "Step ${step.number}: ask for approval"
          ansible.builtin.set_fact:
            deployc_pause_reason: "paused: approval needed at step ${step.number}: {{ deployc_steps[${step.number}].message }}"
            deployc_resume_step: ${step.number + 1}
          when: ${step.when}

        - name: "Step ${step.number}: stop for approval"
          ansible.builtin.fail:
            msg: "{{ deployc_pause_reason }}"
          run_once: true
          when: ${step.when}
<#else>
<#list step.checks as check>
        - name: "Step ${step.number}: check ${check.index + 1} of ${step.checks?size}"
          ansible.builtin.include_tasks: tasks/${check.kind}-gate.yml
          vars:
            deployc_step: ${step.number}
            deployc_fleet_hosts: "{{ deployc_through[${step.wave}] }}"
            deployc_check: "{{ deployc_steps[${step.number}].checks[${check.index}] }}"
          when: ${step.when}
</#list>
</#if>
</#macro>
