import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../src/router.js';
import { scheduleOf } from '../src/schedules-api.js';
import { CronPresets, cronLine, cronWithZone, debounce, isScheduleEvent, presetOf, scheduleBody, taskBody, zoneChoices } from '../src/schedule-editing.js';
import { fieldErrors } from '../src/startup-api.js';
import { ApiError, errorMessage } from '../src/api.js';

test('the Schedules page has its route', () => {
  assert.deepEqual(matchRoute('/server/1a2b3c4d/schedules'), { page: 'schedules', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.equal(matchRoute('/server/1a2b3c4d/schedules/3').page, 'not-found');
});

test('the presets are every minute, hourly, daily at 04:00 and weekly', () => {
  assert.deepEqual(CronPresets.map((p) => cronLine(p.cron)), ['* * * * *', '0 * * * *', '0 4 * * *', '0 4 * * 0']);
});

test('presetOf recognises a preset by its fields and a custom cron as none', () => {
  assert.equal(presetOf({ minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '*' })?.key, 'daily');
  assert.equal(presetOf({ minute: ' 0 ', hour: '*', day_of_month: '*', month: '*', day_of_week: '*' })?.key, 'hourly');
  assert.equal(presetOf({ minute: '5', hour: '4', day_of_month: '*', month: '*', day_of_week: '*' }), null);
  assert.equal(presetOf(undefined), null);
});

test('scheduleBody trims the fields, fills an empty month and reads the toggles as booleans', () => {
  assert.deepEqual(scheduleBody({ name: ' Nightly ', minute: ' 0', hour: '4 ', day_of_month: '*', month: '', day_of_week: '*', is_active: true }), {
    name: 'Nightly', minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '*', is_active: true, only_when_online: false,
  });
});

test('scheduleBody sends a trimmed time zone, and none (UTC) when the field is empty', () => {
  const fields = { name: 'n', minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '*' };
  assert.equal(scheduleBody({ ...fields, timezone: ' Europe/Berlin ' }).timezone, 'Europe/Berlin');
  assert.equal('timezone' in scheduleBody({ ...fields, timezone: '  ' }), false);
  assert.equal('timezone' in scheduleBody(fields), false);
});

test('zoneChoices offers the browser\'s IANA zones, and none when the browser cannot list them', () => {
  assert.deepEqual(zoneChoices({ supportedValuesOf: (kind) => (kind === 'timeZone' ? ['Europe/Berlin', 'UTC'] : []) }), ['Europe/Berlin', 'UTC']);
  assert.deepEqual(zoneChoices({}), []);
  assert.deepEqual(zoneChoices({ supportedValuesOf: () => { throw new RangeError('no'); } }), []);
  assert.deepEqual(zoneChoices(null), []);
});

test('cronWithZone names the zone after the cron, UTC schedules show the cron alone', () => {
  const cron = { minute: '0', hour: '4', day_of_month: '*', month: '*', day_of_week: '*' };
  assert.equal(cronWithZone({ cron, timezone: 'Europe/Berlin' }), '0 4 * * * (Europe/Berlin)');
  assert.equal(cronWithZone({ cron }), '0 4 * * *');
});

test('the panel\'s 422 on the zone is found for the field, and a 409 on run now reads as already running', () => {
  const body = { errors: [{ code: 'ValidationException', status: '422', detail: 'The timezone field must be a valid timezone.', meta: { source_field: 'timezone', rule: 'timezone' } }] };
  assert.deepEqual(fieldErrors(body, 'timezone'), ['The timezone field must be a valid timezone.']);
  assert.deepEqual(fieldErrors(body, 'minute'), []);
  const conflict = { status: 409, body: { errors: [{ code: 'ConflictHttpException', status: '409', detail: 'This schedule is already running.' }] } };
  const err = new ApiError(409, errorMessage(conflict), conflict.body);
  assert.equal(err.message, 'This schedule is already running.');
});

test('taskBody sends whole-second offsets and the sequence only when one is given', () => {
  assert.deepEqual(taskBody({ action: 'command', payload: 'say hi', time_offset: '30', sequence_id: '', continue_on_failure: true }), {
    action: 'command', payload: 'say hi', time_offset: 30, continue_on_failure: true,
  });
  assert.deepEqual(taskBody({ action: 'backup', payload: '', time_offset: '', sequence_id: '2' }), {
    action: 'backup', payload: '', time_offset: 0, continue_on_failure: false, sequence_id: 2,
  });
});

test('the history keeps schedule and task events only', () => {
  assert.equal(isScheduleEvent('server:schedule.execute'), true);
  assert.equal(isScheduleEvent('server:schedule.run.end'), true);
  assert.equal(isScheduleEvent('server:task.failed'), true);
  assert.equal(isScheduleEvent('server:backup.start'), false);
  assert.equal(isScheduleEvent(undefined), false);
});

test('scheduleOf flattens the included tasks, ordered by sequence', () => {
  const s = scheduleOf({
    object: 'server_schedule',
    attributes: {
      id: 4, name: 'n',
      relationships: { tasks: { object: 'list', data: [{ object: 'schedule_task', attributes: { id: 9, sequence_id: 2 } }, { object: 'schedule_task', attributes: { id: 8, sequence_id: 1 } }] } },
    },
  });
  assert.equal(s.id, 4);
  assert.deepEqual(s.tasks.map((t) => t.id), [8, 9]);
});

test('debounce calls once, after the last call, with its arguments; cancel stops it', () => {
  const pending = new Map();
  let next = 0;
  const timers = {
    setTimeout: (fn, ms) => { pending.set(++next, { fn, ms }); return next; },
    clearTimeout: (handle) => { pending.delete(handle); },
  };
  const seen = [];
  const call = debounce((v) => seen.push(v), 400, timers);
  call('a');
  call('b');
  assert.equal(pending.size, 1);
  const [only] = pending.values();
  assert.equal(only.ms, 400);
  only.fn();
  assert.deepEqual(seen, ['b']);
  call('c');
  call.cancel();
  assert.equal([...pending.keys()].includes(next), false);
});
