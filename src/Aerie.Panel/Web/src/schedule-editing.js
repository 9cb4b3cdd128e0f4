// The Schedules page's pure parts: cron presets, the request bodies built from the forms, and which activity
// entries are a schedule's history. The cron itself is read by the panel (the preview route), not here.

/** The editor's presets: the five cron fields each one fills in. */
export const CronPresets = Object.freeze([
  { key: 'minute', label: 'Every minute', cron: { minute: '*', hour: '*', day_of_month: '*', month: '*', day_of_week: '*' } },
  { key: 'hourly', label: 'Hourly', cron: { minute: '0', hour: '*', day_of_month: '*', month: '*', day_of_week: '*' } },
  { key: 'daily', label: 'Daily at 04:00', cron: { minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '*' } },
  { key: 'weekly', label: 'Weekly (Sunday 04:00)', cron: { minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '0' } },
]);

export const CronFields = Object.freeze(['minute', 'hour', 'day_of_month', 'month', 'day_of_week']);

export const TaskActions = Object.freeze([
  { value: 'command', label: 'Send command', hint: 'The console command, e.g. say Restarting in 5 minutes' },
  { value: 'power', label: 'Power action', hint: 'start, stop, restart or kill' },
  { value: 'backup', label: 'Create backup', hint: 'Files to leave out, one pattern per line (may be empty)' },
  { value: 'delete_files', label: 'Delete files', hint: 'Paths to delete, one per line' },
]);

/** The preset whose fields equal `cron`, or null (a custom cron). */
export function presetOf(cron) {
  return CronPresets.find((p) => CronFields.every((f) => String(cron?.[f] ?? '').trim() === p.cron[f])) ?? null;
}

/** The create/update/preview body from the form's values (fields trimmed; an empty month is every month; the time
 * zone only when one is given: absent is UTC, and an update without one goes back to UTC). */
export function scheduleBody(values) {
  const body = { name: String(values.name ?? '').trim() };
  for (const f of CronFields) body[f] = String(values[f] ?? '').trim();
  if (!body.month) body.month = '*';
  body.is_active = Boolean(values.is_active);
  body.only_when_online = Boolean(values.only_when_online);
  const zone = String(values.timezone ?? '').trim();
  if (zone) body.timezone = zone;
  return body;
}

/** The IANA zones the browser knows, offered as suggestions; the panel decides what is valid (an older browser gets none). */
export function zoneChoices(intl = globalThis.Intl) {
  try {
    return typeof intl?.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

/** "0 4 * * *" plus its zone when it is not UTC: "0 4 * * * (Europe/Berlin)". */
export function cronWithZone(schedule) {
  const line = cronLine(schedule?.cron);
  return schedule?.timezone ? `${line} (${schedule.timezone})` : line;
}

/** The five fields as one cron line ("0 4 * * 0"). */
export function cronLine(cron) {
  return CronFields.map((f) => cron?.[f] ?? '*').join(' ');
}

/** A task body from the task form's values: offsets in whole seconds, the sequence only when given. */
export function taskBody(values) {
  const body = {
    action: values.action,
    payload: String(values.payload ?? ''),
    time_offset: Number.parseInt(values.time_offset, 10) || 0,
    continue_on_failure: Boolean(values.continue_on_failure),
  };
  const sequence = Number.parseInt(values.sequence_id, 10);
  if (Number.isInteger(sequence) && sequence > 0) body.sequence_id = sequence;
  return body;
}

/** True for the activity events of schedules and their tasks (server:schedule.* and server:task.*). */
export function isScheduleEvent(event) {
  return typeof event === 'string' && (event.startsWith('server:schedule.') || event.startsWith('server:task.'));
}

/** Calls `fn` once `ms` after the last call (the live preview while the user types). */
export function debounce(fn, ms, timers = globalThis) {
  let handle = null;
  const call = (...args) => {
    timers.clearTimeout(handle);
    handle = timers.setTimeout(() => fn(...args), ms);
  };
  call.cancel = () => timers.clearTimeout(handle);
  return call;
}
