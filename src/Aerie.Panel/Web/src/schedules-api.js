// The client schedule routes (spec 04 §2.9) and the editor's preview, kept apart from api.js. Schedules are
// addressed by their integer id; every answer is a `server_schedule` with its tasks included.
import { itemsOf, request } from './api.js';

const enc = encodeURIComponent;
const base = (id) => `/api/client/servers/${enc(id)}/schedules`;

/** A `server_schedule` item's attributes with its tasks' attributes as `tasks` (sorted by sequence_id). */
export function scheduleOf(item) {
  const a = item?.attributes ?? {};
  const tasks = itemsOf(a.relationships?.tasks).sort((x, y) => (x.sequence_id ?? 0) - (y.sequence_id ?? 0));
  return { ...a, tasks };
}

export const schedulesApi = {
  list: async (id) => {
    const body = await request('GET', base(id));
    return (Array.isArray(body?.data) ? body.data : []).map(scheduleOf);
  },
  create: async (id, body) => scheduleOf(await request('POST', base(id), body)),
  update: async (id, schedule, body) => scheduleOf(await request('POST', `${base(id)}/${enc(schedule)}`, body)),
  remove: (id, schedule) => request('DELETE', `${base(id)}/${enc(schedule)}`),
  /** 202 when a run started; ApiError 409 while one runs, 400 without tasks. */
  execute: (id, schedule) => request('POST', `${base(id)}/${enc(schedule)}/execute`),
  /** Same body as create → {description, next_runs: [five ISO times]}. */
  preview: async (id, body) => (await request('POST', `${base(id)}/preview`, body))?.attributes ?? { description: '', next_runs: [] },
  createTask: async (id, schedule, body) => (await request('POST', `${base(id)}/${enc(schedule)}/tasks`, body))?.attributes ?? null,
  updateTask: async (id, schedule, task, body) => (await request('POST', `${base(id)}/${enc(schedule)}/tasks/${enc(task)}`, body))?.attributes ?? null,
  removeTask: (id, schedule, task) => request('DELETE', `${base(id)}/${enc(schedule)}/tasks/${enc(task)}`),
};
