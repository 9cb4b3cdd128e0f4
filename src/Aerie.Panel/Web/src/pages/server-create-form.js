import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { field } from './admin-common.js';

// "Create a server" on the admin Servers page: a server made from an egg (spec 04 §3.5, spec 05 §2/§5). The egg
// decides the images offered, the startup command prefilled and the variables asked for; the panel checks the
// values against the egg's rules and its 422 names each failing field, which is shown beside that field.
export function serverCreateForm({ onCreated }) {
  const status = h('p', { class: 'message', role: 'alert' });
  const owner = h('select', { name: 'user', required: true });
  const node = h('select', { name: 'node', required: true, onchange: () => loadAllocations() });
  const allocation = h('select', { name: 'allocation', required: true });
  const nest = h('select', { name: 'nest', required: true, onchange: () => fillEggs() });
  const egg = h('select', { name: 'egg', required: true, onchange: () => fillFromEgg() });
  const image = h('select', { name: 'docker_image', required: true });
  const startup = h('input', { name: 'startup', required: true, maxlength: 4096 });
  const variables = h('fieldset', { class: 'egg-variables' });
  const created = h('p', { class: 'created-server' });
  const errorSlots = new Map();
  const slot = (name) => {
    const el = h('small', { class: 'field-error', 'data-error-for': name });
    errorSlots.set(name, el);
    return el;
  };
  const labelled = (label, input, name) => h('label', {}, label, input, slot(name));
  const form = h('form', { class: 'card form-grid server-create', onsubmit: create, novalidate: true },
    h('h2', {}, 'Create a server'),
    labelled('Name', h('input', { name: 'name', required: true, maxlength: 191 }), 'name'),
    labelled('Owner', owner, 'user'),
    labelled('Node', node, 'node'),
    labelled('Allocation (free on that node)', allocation, 'allocation.default'),
    field('Nest', nest),
    labelled('Egg', egg, 'egg'),
    labelled('Docker image', image, 'docker_image'),
    labelled('Startup command', startup, 'startup'),
    labelled('Memory limit (MiB, 0 = unlimited)', h('input', { name: 'memory', type: 'number', min: 0, value: '1024' }), 'limits.memory'),
    labelled('Disk limit (MiB, 0 = unlimited)', h('input', { name: 'disk', type: 'number', min: 0, value: '2048' }), 'limits.disk'),
    labelled('CPU limit (% of one core, 0 = unlimited)', h('input', { name: 'cpu', type: 'number', min: 0, value: '100' }), 'limits.cpu'),
    variables,
    h('button', { type: 'submit', class: 'primary' }, 'Create server'),
    status,
    created);
  let nests = [];
  let eggDetails = null;

  async function load() {
    const [users, nodes, nestList] = await Promise.all([api.admin.users(), api.admin.nodes(), api.admin.nestsWithEggs()]);
    replace(owner, users.map((u) => h('option', { value: String(u.id) }, `${u.username} (${u.email})`)));
    replace(node, nodes.map((n) => h('option', { value: String(n.id) }, n.name)));
    nests = nestList;
    replace(nest, nests.map((n) => h('option', { value: String(n.id) }, n.name)));
    await fillEggs();
    await loadAllocations();
  }

  async function loadAllocations() {
    if (!node.value) return replace(allocation);
    const free = await api.admin.freeAllocations(node.value);
    replace(allocation, free.map((a) => h('option', { value: String(a.id) }, `${a.alias ?? a.ip}:${a.port}`)));
  }

  async function fillEggs() {
    const chosen = nests.find((n) => String(n.id) === nest.value);
    const eggs = (chosen?.relationships?.eggs?.data ?? []).map((item) => item.attributes ?? {});
    replace(egg, eggs.map((e) => h('option', { value: String(e.id) }, e.name)));
    await fillFromEgg();
  }

  async function fillFromEgg() {
    eggDetails = null;
    replace(variables);
    if (!egg.value) return replace(image);
    eggDetails = await api.admin.egg(nest.value, egg.value);
    replace(image, imageChoices(eggDetails).map((c) => h('option', { value: c.image }, `${c.label} (${c.image})`)));
    startup.value = eggDetails.startup ?? '';
    const fields = variableFields(eggDetails);
    replace(variables, h('legend', {}, fields.length ? 'Variables' : 'This egg has no variables.'), fields.map((v) => h('label', { class: 'egg-variable' },
      h('span', {}, v.name, ' ', h('code', {}, v.env)),
      v.description ? h('span', { class: 'muted' }, v.description) : null,
      h('input', { name: `env:${v.env}`, value: v.value, 'data-variable': v.env }),
      h('span', { class: 'muted rules' }, `Default "${v.value}" · rules ${v.rules || 'none'}`),
      slot(`environment.${v.env}`))));
  }

  async function create(e) {
    e.preventDefault();
    showErrors({});
    replace(created);
    message(status, 'info', 'Working…');
    const values = formValues(form);
    try {
      const server = (await api.admin.createServer(serverBody(values, environmentOf(values))))?.attributes ?? {};
      message(status, 'success', 'Server created. Its install runs now.');
      replace(created, 'Watch the install on ', h('a', { href: `/server/${server.identifier}`, class: 'console-link' }, `${server.name}'s console`), '.');
      await onCreated?.(server);
    } catch (err) {
      const errors = fieldErrors(err.body);
      showErrors(errors);
      message(status, 'error', Object.keys(errors).length ? 'Some fields need a change (shown below each).' : err.message);
    }
  }

  /** One message per field (the first the panel gave); errors for fields the form lacks go to the status line. */
  function showErrors(errors) {
    for (const [name, el] of errorSlots) {
      el.textContent = errors[name] ?? '';
      el.parentElement?.querySelector('input, select')?.toggleAttribute('aria-invalid', Boolean(errors[name]));
    }
    const stray = Object.entries(errors).filter(([name]) => !errorSlots.has(name));
    if (stray.length) message(status, 'error', stray.map(([, text]) => text).join(' '));
  }

  return { element: form, load };
}

/** The values of the generated variable inputs (named `env:KEY`) → the create body's environment. */
export function environmentOf(values) {
  const env = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('env:')) env[name.slice(4)] = value;
  }
  return env;
}

/** An egg's `docker_images` object → [{label, image}], the egg's order (the first is its default). */
export function imageChoices(egg) {
  const images = egg?.docker_images && typeof egg.docker_images === 'object' ? egg.docker_images : {};
  const choices = Object.entries(images).map(([label, image]) => ({ label, image: String(image) }));
  return choices.length || !egg?.docker_image ? choices : [{ label: 'Default', image: egg.docker_image }];
}

/** The egg's variables (its `variables` include) as form fields: the default prefilled, the rules shown. */
export function variableFields(egg) {
  return (egg?.relationships?.variables?.data ?? []).map((item) => item.attributes ?? {}).map((v) => ({
    name: v.name ?? v.env_variable,
    description: v.description ?? '',
    env: v.env_variable,
    value: v.default_value ?? '',
    rules: Array.isArray(v.rules) ? v.rules.join('|') : (v.rules ?? ''),
  }));
}

/** A spec 04 §1.5 validation answer → {source_field: first detail}; anything else → {}. */
export function fieldErrors(body) {
  const errors = {};
  for (const e of Array.isArray(body?.errors) ? body.errors : []) {
    const name = e?.meta?.source_field;
    if (e?.code === 'ValidationException' && name && !(name in errors)) errors[name] = e.detail ?? '';
  }
  return errors;
}

/** The create form's values → the POST /api/application/servers body of spec 04 §3.5. `environment` wins over the
 * older KEY=value text field when given. */
export function serverBody(v, environment) {
  const number = (text, fallback) => (/^\d+$/.test(String(text ?? '').trim()) ? Number(text) : fallback);
  return {
    name: v.name,
    user: number(v.user),
    egg: number(v.egg),
    docker_image: v.docker_image,
    startup: v.startup,
    environment: environment ?? parseEnvironment(v.environment),
    limits: { memory: number(v.memory, 0), swap: 0, disk: number(v.disk, 0), io: 500, cpu: number(v.cpu, 0) },
    feature_limits: { databases: 0, allocations: 1, backups: 0 },
    allocation: { default: number(v.allocation) },
  };
}

/** "KEY=value" lines → object; blank lines and lines without "=" are ignored. */
export function parseEnvironment(text) {
  const env = {};
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return env;
}
