// The client Startup routes (spec 04 §2.4), kept apart from api.js, and what the Startup page reads from them.
import { ApiError, errorMessage, raw, request } from './api.js';

const enc = encodeURIComponent;

/** GET …/startup as the page uses it: the variables' attributes, the display command and the egg's images. */
export function startupOf(body) {
  const meta = body?.meta ?? {};
  const images = meta.docker_images && typeof meta.docker_images === 'object' ? meta.docker_images : {};
  return {
    variables: (Array.isArray(body?.data) ? body.data : []).map((item) => item?.attributes ?? {}),
    command: meta.startup_command ?? '',
    rawCommand: meta.raw_startup_command ?? '',
    images: Object.entries(images).map(([label, image]) => ({ label, image: String(image) })),
  };
}

/** The messages of a 422 answer for one field (spec 04 §1.5 `meta.source_field`), in the panel's order. */
export function fieldErrors(body, field) {
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  return errors.filter((e) => e?.meta?.source_field === field).map((e) => e.detail ?? '').filter(Boolean);
}

/** The value an input starts with: the server's own value, else the egg default. */
export function shownValue(variable) {
  return variable.server_value ?? variable.default_value ?? '';
}

export const startupApi = {
  get: async (id) => startupOf(await request('GET', `/api/client/servers/${enc(id)}/startup`)),
  /**
   * Resolves to {variable, command} on success, or {errors: [message]} when the value breaks the variable's rules
   * (422 on `value`); any other failure throws ApiError.
   */
  setVariable: async (id, key, value) => {
    const answer = await raw('PUT', `/api/client/servers/${enc(id)}/startup/variable`, { key, value });
    if (answer.status === 200) return { variable: answer.body?.attributes ?? {}, command: answer.body?.meta?.startup_command ?? null };
    if (answer.status === 422) {
      const errors = fieldErrors(answer.body, 'value');
      if (errors.length) return { errors };
    }
    throw new ApiError(answer.status, errorMessage(answer), answer.body);
  },
  setImage: (id, image) => request('PUT', `/api/client/servers/${enc(id)}/settings/docker-image`, { docker_image: image }),
};
