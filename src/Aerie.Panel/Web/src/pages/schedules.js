// /server/{id}/schedules — the server's schedules through the client API (spec 04 §2.9, spec 07 §10): the list with
// cron, state and last/next run; a create/edit form with presets whose description and next five runs come live
// from the panel's preview route; each schedule's tasks (add, edit, delete); run now; delete after a confirmation;
// the history from the activity log. Only the actions the viewer's permissions allow are offered.
import { api } from '../api.js';
import { h, message, replace } from '../dom.js';
import { Permission, grants } from '../permissions.js';
import { schedulesApi } from '../schedules-api.js';
import { CronFields, CronPresets, TaskActions, cronWithZone, debounce, isScheduleEvent, presetOf, scheduleBody, taskBody, zoneChoices } from '../schedule-editing.js';
import { fieldErrors } from '../startup-api.js';
import { details } from './activity-list.js';

const PREVIEW_MS = 400;
const POLL_MS = 3000;
const FIELD_LABELS = { minute: 'Minute', hour: 'Hour', day_of_month: 'Day of month', month: 'Month', day_of_week: 'Day of week' };

export async function render(root, { id }) {
  let server;
  try {
    server = await api.server(id);
  } catch (err) {
    replace(root, h('p', { class: 'message error' }, `Could not load the server: ${err.message}`));
    return undefined;
  }
  const held = server.permissions;
  const can = {
    read: grants(held, Permission.scheduleRead),
    create: grants(held, Permission.scheduleCreate),
    update: grants(held, Permission.scheduleUpdate),
    remove: grants(held, Permission.scheduleDelete),
    activity: grants(held, Permission.activityRead),
  };
  const status = h('p', { class: 'message', role: 'alert' });
  const editor = h('div', { class: 'schedule-editor-slot' });
  const list = h('div', { class: 'schedules' }, h('p', { class: 'muted' }, 'Loading schedules…'));
  const history = h('div', { class: 'schedule-history' });
  let timer = null;
  let disposed = false;
  let cancelPreview = () => {};

  replace(root,
    h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console')),
    h('h1', {}, 'Schedules'),
    status,
    can.create ? h('p', {}, h('button', { type: 'button', class: 'primary new-schedule', onclick: () => openEditor(null) }, 'New schedule')) : null,
    editor,
    can.read ? list : h('p', { class: 'muted' }, 'You may not list this server\'s schedules.'),
    can.read ? h('section', { class: 'card' },
      h('h2', {}, 'History'),
      h('p', {}, h('button', { type: 'button', onclick: () => loadHistory() }, 'Refresh history')),
      history) : null);

  async function act(call, done) {
    message(status);
    try {
      await call();
      if (done) message(status, 'success', done);
    } catch (err) {
      message(status, 'error', err.status === 409 ? `Not started: ${err.message}` : err.message);
    }
    await load();
    await loadHistory();
  }

  async function load() {
    if (disposed || !can.read) return;
    let schedules;
    try {
      schedules = await schedulesApi.list(id);
    } catch (err) {
      replace(list, h('p', { class: 'message error' }, `Could not load schedules: ${err.message}`));
      return;
    }
    replace(list, schedules.length ? schedules.map(row) : h('p', { class: 'muted' }, 'No schedules yet.'));
    // A running schedule ends by itself: refresh until none is processing.
    clearTimeout(timer);
    if (schedules.some((s) => s.is_processing) && !disposed) {
      timer = setTimeout(async () => { await load(); await loadHistory(); }, POLL_MS);
    }
  }

  async function loadHistory() {
    if (disposed || !can.read) return;
    if (!can.activity) {
      replace(history, h('p', { class: 'muted' }, 'Reading the history needs the activity.read permission.'));
      return;
    }
    try {
      const { entries } = await api.serverActivity(id, 1);
      const runs = entries.filter((e) => isScheduleEvent(e.event));
      replace(history, runs.length
        ? h('ul', { class: 'history-list' }, runs.map((e) => h('li', { 'data-event': e.event },
          h('span', { class: 'muted' }, new Date(e.timestamp).toLocaleString()), ' ',
          h('code', {}, e.event), ' ',
          details(e.properties))))
        : h('p', { class: 'muted' }, 'No schedule activity yet.'));
    } catch (err) {
      replace(history, h('p', { class: 'message error' }, `Could not load the history: ${err.message}`));
    }
  }

  function when(value) {
    return value ? new Date(value).toLocaleString() : '—';
  }

  function row(s) {
    const preset = presetOf(s.cron);
    return h('div', { class: 'card schedule', 'data-schedule': String(s.id), 'data-processing': String(Boolean(s.is_processing)) },
      h('div', { class: 'schedule-head' },
        h('strong', { class: 'schedule-name' }, s.name), ' ',
        h('code', { class: 'schedule-cron' }, cronWithZone(s)), ' ',
        preset ? h('span', { class: 'muted' }, preset.label) : null, ' ',
        h('span', { class: `badge ${s.is_active ? 'state-active' : 'state-inactive'}` }, s.is_active ? 'Active' : 'Inactive'), ' ',
        s.only_when_online ? h('span', { class: 'badge' }, 'Only when online') : null, ' ',
        s.is_processing ? h('span', { class: 'badge schedule-processing' }, 'Running…') : null,
        h('span', { class: 'spacer' }),
        can.update ? h('button', { type: 'button', class: 'run-now', onclick: () => act(() => schedulesApi.execute(id, s.id), 'Run started.') }, 'Run now') : null,
        can.update ? h('button', { type: 'button', onclick: () => openEditor(s) }, 'Edit') : null,
        can.remove ? h('button', {
          type: 'button', class: 'danger',
          onclick: () => confirm(`Delete the schedule "${s.name}" and its tasks? This cannot be undone.`) && act(() => schedulesApi.remove(id, s.id), 'Schedule deleted.'),
        }, 'Delete') : null),
      h('p', { class: 'muted schedule-runs' }, `Last run ${when(s.last_run_at)} · next run ${when(s.next_run_at)}`),
      tasksOf(s));
  }

  function tasksOf(s) {
    const box = h('div', { class: 'tasks' });
    const rows = s.tasks.map((t) => h('li', { class: 'task', 'data-task': String(t.id) },
      h('span', { class: 'badge' }, `#${t.sequence_id}`), ' ',
      h('strong', {}, TaskActions.find((a) => a.value === t.action)?.label ?? t.action), ' ',
      t.payload ? h('code', { class: 'task-payload' }, t.payload) : null, ' ',
      h('span', { class: 'muted' }, `after ${t.time_offset} s`, t.continue_on_failure ? ' · continues on failure' : ''), ' ',
      can.update ? h('button', { type: 'button', onclick: () => replace(box, taskForm(s, t), h('ul', {}, rows)) }, 'Edit') : null,
      can.update ? h('button', {
        type: 'button', class: 'danger',
        onclick: () => confirm('Delete this task?') && act(() => schedulesApi.removeTask(id, s.id, t.id), 'Task deleted.'),
      }, 'Delete') : null));
    replace(box,
      h('h3', {}, 'Tasks'),
      rows.length ? h('ul', { class: 'task-list' }, rows) : h('p', { class: 'muted' }, 'No tasks: a run needs at least one.'),
      can.update ? h('button', { type: 'button', class: 'add-task', onclick: () => replace(box, taskForm(s, null), h('ul', { class: 'task-list' }, rows)) }, 'Add task') : null);
    return box;
  }

  function taskForm(s, task) {
    const action = h('select', { name: 'action', 'aria-label': 'Action' }, TaskActions.map((a) => h('option', { value: a.value }, a.label)));
    action.value = task?.action ?? 'command';
    const payload = h('textarea', { name: 'payload', rows: 2, 'aria-label': 'Payload' });
    payload.value = task?.payload ?? '';
    const hint = () => { payload.placeholder = TaskActions.find((a) => a.value === action.value)?.hint ?? ''; };
    action.addEventListener('change', hint);
    hint();
    const offset = h('input', { type: 'number', name: 'time_offset', min: 0, max: 900, value: String(task?.time_offset ?? 0), 'aria-label': 'Seconds after the previous task' });
    const sequence = h('input', { type: 'number', name: 'sequence_id', min: 1, value: task ? String(task.sequence_id) : '', placeholder: 'last', 'aria-label': 'Sequence' });
    const onFailure = h('input', { type: 'checkbox', name: 'continue_on_failure', checked: Boolean(task?.continue_on_failure) });
    return h('form', {
      class: 'task-form',
      onsubmit: (e) => {
        e.preventDefault();
        const body = taskBody({ action: action.value, payload: payload.value, time_offset: offset.value, sequence_id: sequence.value, continue_on_failure: onFailure.checked });
        act(() => (task ? schedulesApi.updateTask(id, s.id, task.id, body) : schedulesApi.createTask(id, s.id, body)), task ? 'Task saved.' : 'Task added.');
      },
    },
    h('h3', {}, task ? 'Edit task' : 'New task'),
    h('label', { class: 'field' }, h('span', {}, 'Action'), action),
    h('label', { class: 'field' }, h('span', {}, 'Payload'), payload),
    h('label', { class: 'field' }, h('span', {}, 'Seconds after the previous task (0–900)'), offset),
    h('label', { class: 'field' }, h('span', {}, 'Sequence (empty: last)'), sequence),
    h('label', {}, onFailure, ' Continue with the next task if this one fails'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, task ? 'Save task' : 'Add task'),
      h('button', { type: 'button', onclick: () => load() }, 'Cancel')));
  }

  function openEditor(s) {
    cancelPreview();
    const name = h('input', { type: 'text', name: 'name', maxlength: 191, value: s?.name ?? '', placeholder: 'Nightly restart', 'aria-label': 'Schedule name' });
    const fields = {};
    for (const f of CronFields) {
      fields[f] = h('input', { type: 'text', name: f, value: s?.cron?.[f] ?? CronPresets[2].cron[f], 'aria-label': FIELD_LABELS[f] });
    }
    const zone = h('input', {
      type: 'text', name: 'timezone', value: s?.timezone ?? '', maxlength: 64, placeholder: 'UTC', list: 'schedule-zones',
      autocomplete: 'off', 'aria-label': 'Time zone', 'aria-describedby': 'schedule-zone-error',
    });
    const zoneError = h('p', { class: 'field-error zone-error', id: 'schedule-zone-error' });
    // The panel's 422 on the timezone field (spec 04 §1.5) is shown at the field, from the preview or the save.
    const showZoneError = (err) => {
      const [text] = fieldErrors(err?.body, 'timezone');
      zoneError.textContent = text ?? '';
      if (text) zone.setAttribute('aria-invalid', 'true');
      else zone.removeAttribute('aria-invalid');
    };
    const active = h('input', { type: 'checkbox', name: 'is_active', checked: s ? s.is_active : true });
    const online = h('input', { type: 'checkbox', name: 'only_when_online', checked: Boolean(s?.only_when_online) });
    const preview = h('div', { class: 'schedule-preview', 'aria-live': 'polite' });
    const values = () => scheduleBody({
      name: name.value, is_active: active.checked, only_when_online: online.checked,
      timezone: zone.value,
      ...Object.fromEntries(CronFields.map((f) => [f, fields[f].value])),
    });

    let asked = 0;
    const refresh = debounce(async () => {
      const mine = ++asked;
      const body = values();
      // The preview reads the same body as create; the name is not what it describes.
      if (!body.name) body.name = 'preview';
      try {
        const answer = await schedulesApi.preview(id, body);
        if (mine !== asked || disposed) return;
        showZoneError(null);
        replace(preview,
          h('p', { class: 'schedule-description' }, answer.description),
          h('ol', { class: 'next-runs', 'aria-label': 'Next runs' }, answer.next_runs.map((t) => h('li', {}, new Date(t).toLocaleString()))));
      } catch (err) {
        if (mine !== asked || disposed) return;
        showZoneError(err);
        replace(preview, h('p', { class: 'message error' }, err.message));
      }
    }, PREVIEW_MS);
    cancelPreview = refresh.cancel;
    for (const input of [...Object.values(fields), zone]) input.addEventListener('input', () => refresh());

    const presets = h('div', { class: 'cron-presets' }, CronPresets.map((p) => h('button', {
      type: 'button', 'data-preset': p.key,
      onclick: () => {
        for (const f of CronFields) fields[f].value = p.cron[f];
        refresh();
      },
    }, p.label)));

    replace(editor, h('form', {
      class: 'card schedule-editor',
      onsubmit: (e) => {
        e.preventDefault();
        const body = values();
        (async () => {
          message(status);
          try {
            if (s) await schedulesApi.update(id, s.id, body);
            else await schedulesApi.create(id, body);
            close();
            message(status, 'success', s ? 'Schedule saved.' : 'Schedule created.');
          } catch (err) {
            showZoneError(err);
            message(status, 'error', err.message);
          }
          await load();
        })();
      },
    },
    h('h2', {}, s ? `Edit "${s.name}"` : 'New schedule'),
    h('label', { class: 'field' }, h('span', {}, 'Name'), name),
    h('p', {}, 'Presets: ', presets),
    h('div', { class: 'cron-fields' }, CronFields.map((f) => h('label', { class: 'field' }, h('span', {}, FIELD_LABELS[f]), fields[f]))),
    h('label', { class: 'field' }, h('span', {}, 'Time zone (IANA, empty: UTC)'), zone, zoneError),
    h('datalist', { id: 'schedule-zones' }, zoneChoices().map((z) => h('option', { value: z }))),
    preview,
    h('label', {}, active, ' Active'),
    h('label', {}, online, ' Only when the server is online'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, s ? 'Save schedule' : 'Create schedule'),
      h('button', { type: 'button', onclick: close }, 'Cancel'))));
    refresh();

    function close() {
      refresh.cancel();
      replace(editor);
    }
  }

  await load();
  await loadHistory();
  return () => {
    disposed = true;
    clearTimeout(timer);
    cancelPreview();
  };
}
