// A tiny element builder. Text always goes in as text nodes (never innerHTML), so names and console
// output from users cannot inject markup.

/**
 * h('button', { class: 'x', onclick: fn, disabled: true }, 'Start')
 * Attributes: on* functions become listeners; true/false toggle boolean attributes; null is skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A status line for forms and pages: message(el, 'error', 'text') or message(el) to clear. */
export function message(el, level, text) {
  el.className = level ? `message ${level}` : 'message';
  el.textContent = text ?? '';
}

/** Reads a form's named fields into an object (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return values;
}
