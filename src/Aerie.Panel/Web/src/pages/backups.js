// /server/{id}/backups — the server's backups through the client API (spec 04 §2.8, spec 07): create with a name and
// ignore patterns, watch pending ones complete (polled: the list refreshes while any is pending or a restore runs),
// download, restore after a confirmation that says what will happen, lock, delete, and the retention policy with a
// preview of what it would delete before it is saved. Only the actions the viewer's permissions allow are offered.
import { api } from '../api.js';
import { h, message, replace } from '../dom.js';
import { formatBytes } from '../format.js';
import { Permission, grants } from '../permissions.js';

const POLL_MS = 3000;
const RESTORING = 'restoring_backup';
const POLICY_COUNTS = [
  ['keep_last', 'Keep the newest'],
  ['keep_daily', 'Daily backups kept (days)'],
  ['keep_weekly', 'Weekly backups kept (weeks)'],
  ['keep_monthly', 'Monthly backups kept (months)'],
  ['max_age_days', 'Delete backups older than (days)'],
  ['max_total_bytes', 'Total size cap (bytes)'],
  ['prune_failed_after_hours', 'Delete failed backups after (hours)'],
];

/** "Pending", "Successful" or "Failed" (spec 07 §1's states). */
export function stateOf(b) {
  if (!b.completed_at) return 'Pending';
  return b.is_successful ? 'Successful' : 'Failed';
}

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
    read: grants(held, Permission.backupRead),
    create: grants(held, Permission.backupCreate),
    remove: grants(held, Permission.backupDelete),
    download: grants(held, Permission.backupDownload),
    restore: grants(held, Permission.backupRestore),
  };
  const limit = server.feature_limits?.backups ?? 0;
  const status = h('p', { class: 'message', role: 'alert' });
  const banner = h('p', { class: 'message warning', hidden: true }, 'This server is restoring from a backup. It cannot be used until the restore ends.');
  const usage = h('p', { class: 'muted' });
  const list = h('div', { class: 'backups' }, h('p', { class: 'muted' }, 'Loading backups…'));
  const dialog = h('div', { class: 'card restore-confirm', hidden: true, role: 'dialog', 'aria-label': 'Confirm restore' });
  let timer = null;
  let disposed = false;

  replace(root,
    h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console')),
    h('h1', {}, 'Backups'),
    usage,
    banner,
    status,
    can.create ? createForm() : null,
    dialog,
    can.read ? list : h('p', { class: 'muted' }, 'You may not list this server\'s backups.'),
    can.read ? retentionSection() : null);

  async function act(call, done) {
    message(status);
    try {
      await call();
      if (done) message(status, 'success', done);
    } catch (err) {
      message(status, 'error', err.message);
    }
    await load();
  }

  function createForm() {
    const name = h('input', { type: 'text', name: 'name', maxlength: 191, placeholder: 'Backup name (optional)', 'aria-label': 'Backup name' });
    const ignored = h('textarea', { name: 'ignored', rows: 3, placeholder: 'Files to leave out, one pattern per line (e.g. logs/ or *.tmp)', 'aria-label': 'Ignored files' });
    const lock = h('input', { type: 'checkbox', name: 'is_locked' });
    return h('form', {
      class: 'card backup-create',
      onsubmit: (e) => {
        e.preventDefault();
        const body = { name: name.value.trim() || undefined, ignored: ignored.value, is_locked: can.remove ? lock.checked : undefined };
        act(async () => {
          await api.backups.create(id, body);
          name.value = '';
          ignored.value = '';
          lock.checked = false;
        }, 'Backup started.');
      },
    },
    h('h2', {}, 'New backup'),
    name,
    ignored,
    // Only someone who may delete backups may protect one from deletion (the panel ignores it otherwise).
    can.remove ? h('label', {}, lock, ' Lock this backup (it cannot be deleted or rotated away)') : null,
    h('button', { type: 'submit', class: 'primary' }, 'Create backup'));
  }

  async function load(again = true) {
    if (disposed || !can.read) return;
    let page;
    try {
      page = await api.backups.list(id);
    } catch (err) {
      // While a restore runs every server route but the details answers 409: show the state and wait.
      if (err.status === 409) {
        const fresh = await api.server(id).catch(() => null);
        banner.hidden = fresh?.status !== RESTORING;
        if (fresh?.status === RESTORING) {
          schedule();
          return;
        }
        // The restore ended between the two answers: ask once more before calling it an error.
        if (fresh && again) {
          await load(false);
          return;
        }
      }
      replace(list, h('p', { class: 'message error' }, `Could not load backups: ${err.message}`));
      return;
    }
    banner.hidden = true;
    usage.textContent = `${page.count} of ${limit} backup${limit === 1 ? '' : 's'} in use.`;
    replace(list, page.items.length ? page.items.slice().reverse().map(row) : h('p', { class: 'muted' }, 'No backups yet.'));
    if (page.items.some((b) => !b.completed_at)) schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (!disposed) timer = setTimeout(load, POLL_MS);
  }

  function row(b) {
    const state = stateOf(b);
    const done = state === 'Successful';
    return h('div', { class: 'card backup', 'data-backup': b.uuid, 'data-state': state.toLowerCase() },
      h('div', { class: 'backup-head' },
        h('strong', { class: 'backup-name' }, b.name), ' ',
        h('span', { class: `badge backup-state state-${state.toLowerCase()}` }, state === 'Pending' ? 'In progress…' : state), ' ',
        b.is_locked ? h('span', { class: 'badge' }, 'Locked') : null,
        h('span', { class: 'spacer' }),
        can.download && done ? h('button', { type: 'button', onclick: () => download(b) }, 'Download') : null,
        can.restore && done ? h('button', { type: 'button', onclick: () => confirmRestore(b) }, 'Restore') : null,
        can.remove ? h('button', { type: 'button', onclick: () => act(() => api.backups.lock(id, b.uuid), b.is_locked ? 'Backup unlocked.' : 'Backup locked.') }, b.is_locked ? 'Unlock' : 'Lock') : null,
        can.remove && !(b.is_locked && done)
          ? h('button', { type: 'button', class: 'danger', onclick: () => confirm(`Delete the backup "${b.name}"? This cannot be undone.`) && act(() => api.backups.remove(id, b.uuid), 'Backup deleted.') }, 'Delete')
          : null),
      h('p', { class: 'muted' },
        `Started ${new Date(b.created_at).toLocaleString()}`,
        b.completed_at ? ` · finished ${new Date(b.completed_at).toLocaleString()}` : '',
        done ? ` · ${formatBytes(b.bytes)}` : '',
        b.ignored_files?.length ? ` · ignoring ${b.ignored_files.join(', ')}` : ''),
      b.checksum ? h('p', { class: 'muted' }, h('code', {}, b.checksum)) : null);
  }

  async function download(b) {
    message(status);
    try {
      // A signed, single-use node URL: fetched per click.
      const url = await api.backups.downloadUrl(id, b.uuid);
      window.location.assign(url);
    } catch (err) {
      message(status, 'error', err.message);
    }
  }

  function confirmRestore(b) {
    const truncate = h('input', { type: 'checkbox', name: 'truncate' });
    dialog.hidden = false;
    replace(dialog,
      h('h2', {}, `Restore "${b.name}"?`),
      h('p', {}, 'The server is stopped, the backup is checked, then its files are written over the server\'s files. ',
        'Until the restore ends the server cannot be started or used.'),
      h('label', {}, truncate, ' Delete all of the server\'s files first (files created since this backup are lost)'),
      h('p', { class: 'muted' }, 'Without this, files that are not in the backup are kept.'),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'danger', onclick: () => {
            dialog.hidden = true;
            act(() => api.backups.restore(id, b.uuid, truncate.checked), 'Restore started.');
          },
        }, 'Restore'),
        h('button', { type: 'button', onclick: () => { dialog.hidden = true; } }, 'Cancel')));
  }

  function retentionSection() {
    const section = h('section', { class: 'card retention' }, h('h2', {}, 'Retention'), h('p', { class: 'muted' }, 'Loading…'));
    const note = h('p', { class: 'message', role: 'status' });
    const preview = h('div', { class: 'retention-preview' });
    const inputs = {};
    const onLimit = h('select', { name: 'on_limit', disabled: !can.remove, 'aria-label': 'At the backup limit' },
      h('option', { value: 'rotate' }, 'Delete the oldest unlocked backup after a new one succeeds'),
      h('option', { value: 'reject' }, 'Refuse new backups'));
    const save = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Save policy');

    function values() {
      const v = { on_limit: onLimit.value };
      for (const [key] of POLICY_COUNTS) v[key] = inputs[key].value === '' ? null : Number(inputs[key].value);
      return v;
    }

    async function showPreview() {
      message(note);
      try {
        const doomed = await api.backups.preview(id, values());
        replace(preview, doomed.length
          ? [h('p', {}, `This policy would delete ${doomed.length} backup${doomed.length === 1 ? '' : 's'} now:`),
            h('ul', {}, doomed.map((b) => h('li', { 'data-backup': b.uuid }, `${b.name} (${b.reason.replaceAll('_', ' ')})`)))]
          : h('p', {}, 'This policy would delete no backup now.'));
        save.disabled = !can.remove;
      } catch (err) {
        message(note, 'error', err.message);
      }
    }

    (async () => {
      let policy;
      try {
        policy = await api.backups.retention(id);
      } catch (err) {
        replace(section, h('h2', {}, 'Retention'), h('p', { class: 'message error' }, `Could not load the policy: ${err.message}`));
        return;
      }
      onLimit.value = policy.on_limit;
      const fields = POLICY_COUNTS.map(([key, label]) => {
        inputs[key] = h('input', { type: 'number', min: 0, name: key, value: policy[key] ?? '', disabled: !can.remove, 'aria-label': label });
        // An edit must be previewed again before it can be saved.
        inputs[key].addEventListener('input', () => { save.disabled = true; });
        return h('label', { class: 'field' }, h('span', {}, label), inputs[key]);
      });
      onLimit.addEventListener('change', () => { save.disabled = true; });
      replace(section,
        h('h2', {}, 'Retention'),
        h('p', { class: 'muted' }, 'Empty or 0 turns a rule off; with every "kept" rule off all backups are kept. Locked backups are never deleted.'),
        h('form', {
          class: 'retention-form',
          onsubmit: (e) => {
            e.preventDefault();
            (async () => {
              try {
                await api.backups.saveRetention(id, values());
                message(note, 'success', 'Retention policy saved.');
                save.disabled = true;
              } catch (err) {
                message(note, 'error', err.message);
              }
            })();
          },
        },
        fields,
        h('label', { class: 'field' }, h('span', {}, 'At the backup limit'), onLimit),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: showPreview }, can.remove ? 'Preview changes' : 'Preview'),
          can.remove ? save : null)),
        note,
        preview);
    })();
    return section;
  }

  await load();
  return () => {
    disposed = true;
    clearTimeout(timer);
  };
}
