// A small modal form (<dialog>) for the file manager's questions: a name, a path, a mode, a URL, or a confirmation.
// In-page rather than prompt(), so the fields can be checked before the dialog closes and tests can drive it.
import { h } from './dom.js';

/**
 * ask({title, text?, fields?: [{name, label, value?, placeholder?, check?(value) → problem|null}], confirm, danger?})
 * → Promise of {field: value} when confirmed, null when cancelled.
 */
export function ask({ title, text, fields = [], confirm = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const problem = h('p', { class: 'message error', role: 'alert' });
    const inputs = fields.map((f) => h('input', {
      name: f.name, value: f.value ?? '', placeholder: f.placeholder ?? '', autocomplete: 'off', spellcheck: 'false',
    }));
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', value: 'ok' }, confirm);
    const cancel = h('button', { type: 'button', value: 'cancel', onclick: () => finish(null) }, 'Cancel');
    const form = h('form', { method: 'dialog', onsubmit: submit },
      h('h2', {}, title),
      text ? h('p', {}, text) : null,
      fields.map((f, i) => h('label', {}, f.label, inputs[i])),
      problem,
      h('div', { class: 'actions' }, cancel, ok));
    const dialog = h('dialog', { class: 'file-dialog' }, form);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); finish(null); });
    document.body.append(dialog);
    dialog.showModal();
    (inputs[0] ?? ok).focus();
    inputs[0]?.select();

    function submit(e) {
      e.preventDefault();
      const values = {};
      for (const [i, f] of fields.entries()) {
        const issue = f.check?.(inputs[i].value) ?? null;
        if (issue) {
          problem.textContent = issue;
          inputs[i].setAttribute('aria-invalid', 'true');
          inputs[i].focus();
          return;
        }
        values[f.name] = inputs[i].value;
      }
      finish(values);
    }

    function finish(value) {
      dialog.close();
      dialog.remove();
      resolve(value);
    }
  });
}
