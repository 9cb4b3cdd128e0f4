// The client file routes (spec 04 §2.7), kept apart from api.js. Paths are absolute from the server root; bodies
// use root "/" and full paths so a move between folders needs no relative arithmetic. File bytes never pass
// through the panel: uploads and downloads go to the node by signed URL (one per file, the tokens are single use).
import { ApiError, SIGNED_OUT_EVENT, csrfToken, errorMessage, itemsOf, request } from './api.js';

const enc = encodeURIComponent;
const base = (id) => `/api/client/servers/${enc(id)}/files`;

/** Reads an error answer's body (JSON errors, else text) into an ApiError with the panel's message. */
async function failure(res) {
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* a plain-text error stays text */ }
  if (res.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT));
  return new ApiError(res.status, errorMessage({ status: res.status, body, retryAfter: res.headers.get('Retry-After') }), body);
}

/** Where the node takes one upload: the signed URL with the target folder appended (spec 04 §2.7 `GET /upload`). */
export function uploadTarget(signedUrl, directory) {
  const url = String(signedUrl ?? '');
  return `${url}${url.includes('?') ? '&' : '?'}directory=${enc(directory)}`;
}

export const filesApi = {
  /** The folder's entries: `file_object` attributes. */
  list: async (id, directory) => itemsOf(await request('GET', `${base(id)}/list?directory=${enc(directory)}`)),
  /** The file as text; larger than the panel's edit limit → ApiError with the panel's message (400). */
  contents: async (id, file) => {
    const res = await fetch(`${base(id)}/contents?file=${enc(file)}`, { credentials: 'same-origin', headers: { Accept: 'text/plain, application/json' } });
    if (!res.ok) throw await failure(res);
    return res.text();
  },
  /** Writes the whole file (raw body, spec 04: any Content-Type) → 204. */
  write: async (id, file, text) => {
    const res = await fetch(`${base(id)}/write?file=${enc(file)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'text/plain; charset=utf-8', 'X-CSRF-Token': csrfToken() },
      body: text,
    });
    if (!res.ok) throw await failure(res);
  },
  rename: (id, items) => request('PUT', `${base(id)}/rename`, { root: '/', files: items.map(({ from, to }) => ({ from, to })) }),
  copy: (id, location) => request('POST', `${base(id)}/copy`, { location }),
  remove: (id, directory, names) => request('POST', `${base(id)}/delete`, { root: directory, files: names }),
  createFolder: (id, directory, name) => request('POST', `${base(id)}/create-folder`, { root: directory, name }),
  /** The new archive's `file_object` attributes. */
  compress: async (id, directory, names) => (await request('POST', `${base(id)}/compress`, { root: directory, files: names }))?.attributes ?? null,
  decompress: (id, directory, name) => request('POST', `${base(id)}/decompress`, { root: directory, file: name }),
  chmod: (id, directory, files) => request('POST', `${base(id)}/chmod`, { root: directory, files }),
  /** Starts a pull on the node (background: the panel's node call is bounded, a download may be long) → 204. */
  pull: (id, directory, url, filename) => request('POST', `${base(id)}/pull`,
    filename ? { url, directory, filename } : { url, directory, use_header: true }),
  /** A signed upload URL without a folder: uploadTarget() appends it (asked here too, the node would see it twice). */
  uploadUrl: async (id) => (await request('GET', `${base(id)}/upload`))?.attributes?.url ?? '',
  downloadUrl: async (id, file) => (await request('GET', `${base(id)}/download?file=${enc(file)}`))?.attributes?.url ?? '',
};

/** The text to show for a failed node upload: spec 06's `{"error": …}`, else the status. */
export function uploadError(status, responseText) {
  try {
    const body = JSON.parse(responseText);
    if (typeof body?.error === 'string' && body.error) return body.error;
    if (body?.errors?.[0]?.detail) return body.errors[0].detail;
  } catch { /* not JSON */ }
  return status === 0 ? 'The node could not be reached.' : `The node answered ${status}.`;
}

/**
 * POSTs one file as multipart `files` to the node through a fresh signed URL, reporting upload progress as
 * onProgress(loaded, total). Resolves when the node answers 2xx; rejects with the node's message otherwise.
 */
export async function uploadFile(id, directory, file, onProgress) {
  const url = uploadTarget(await filesApi.uploadUrl(id), directory);
  const form = new FormData();
  form.append('files', file, file.name);
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(uploadError(xhr.status, xhr.responseText))));
    xhr.onerror = () => reject(new Error(uploadError(0, '')));
    xhr.onabort = () => reject(new Error('Upload cancelled.'));
    xhr.send(form);
  });
  onProgress?.(file.size, file.size);
}

/** 0–100 for a progress bar; an empty file is done at once. */
export function percent(loaded, total) {
  if (!(total > 0)) return 100;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}
