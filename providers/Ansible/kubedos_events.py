# Kubedos's stdout callback for ansible-playbook: one JSON object per line, so the provider shows per-host
# progress while the play runs and reports a failed task as host, role, task and Ansible's message.
# Loaded from the run's private directory (ANSIBLE_CALLBACK_PLUGINS, ANSIBLE_STDOUT_CALLBACK=kubedos_events).
from __future__ import annotations

DOCUMENTATION = '''
    name: kubedos_events
    type: stdout
    short_description: JSON lines for Kubedos's Ansible provider
    description:
      - One JSON object per event (task start, host result, diff, recap) on stdout.
'''

import json
import sys

from ansible.plugins.callback import CallbackBase

MESSAGE_LIMIT = 2000


def _role(task):
    role = getattr(task, '_role', None)
    return role.get_name() if role is not None else ''


def _text(value):
    if value is None:
        return ''
    if isinstance(value, (list, tuple)):
        return '\n'.join(_text(v) for v in value)
    return str(value)


def _message(result):
    """Ansible's own words for a failure: msg, else the failing loop items' msgs, else stderr."""
    if not isinstance(result, dict):
        return _text(result)
    parts = []
    if result.get('msg'):
        parts.append(_text(result['msg']))
    for item in result.get('results') or []:
        if isinstance(item, dict) and item.get('failed'):
            label = item.get('item')
            parts.append('item %s: %s' % (label if isinstance(label, (str, int)) else json.dumps(label, default=str)[:200],
                                          _message(item)))
    if result.get('stderr'):
        parts.append(_text(result['stderr']))
    elif result.get('module_stderr'):
        parts.append(_text(result['module_stderr']))
    text = '\n'.join(p for p in parts if p) or 'failed without a message'
    return text[:MESSAGE_LIMIT]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'kubedos_events'

    def _emit(self, **event):
        sys.stdout.write(json.dumps(event, default=str, sort_keys=True) + '\n')
        sys.stdout.flush()

    def _result(self, kind, result, **extra):
        task = result._task
        self._emit(event=kind, host=result._host.get_name(), task=task.get_name(), role=_role(task), **extra)

    def v2_playbook_on_play_start(self, play):
        self._emit(event='play', name=play.get_name())

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit(event='task', task=task.get_name(), role=_role(task))

    def v2_playbook_on_handler_task_start(self, task):
        self._emit(event='task', task=task.get_name(), role=_role(task), handler=True)

    def v2_playbook_on_no_hosts_matched(self):
        self._emit(event='no_hosts')

    def v2_runner_on_ok(self, result):
        self._result('changed' if result._result.get('changed', False) else 'ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result('failed', result, msg=_message(result._result), ignored=bool(ignore_errors))

    def v2_runner_on_unreachable(self, result):
        self._result('unreachable', result, msg=_message(result._result))

    def v2_runner_on_skipped(self, result):
        self._result('skipped', result)

    def v2_on_file_diff(self, result):
        diff = result._result.get('diff')
        if not diff:
            return
        results = diff if isinstance(diff, list) else [diff]
        text = ''.join(self._get_diff(d) for d in results if isinstance(d, dict))
        if text:
            self._result('diff', result, diff=text[:MESSAGE_LIMIT])

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            summary = stats.summarize(host)
            hosts[host] = {k: summary.get(k, 0) for k in ('ok', 'changed', 'failures', 'unreachable', 'skipped', 'rescued', 'ignored')}
        self._emit(event='stats', hosts=hosts)
