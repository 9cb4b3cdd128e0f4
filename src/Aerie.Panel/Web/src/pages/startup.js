// /server/{id}/startup — the startup command as the user may see it, the variables the egg shows them (an input
// for the editable ones, saved one at a time, with the rule errors the panel gives), and the egg's docker images
// when the user may switch between them.
import { api } from '../api.js';
import { h, message, replace } from '../dom.js';
import { grants } from '../permissions.js';
import { shownValue, startupApi } from '../startup-api.js';

const READ = 'startup.read';
const UPDATE = 'startup.update';
const IMAGE = 'startup.docker-image';

export async function render(root, { id }) {
  const back = h('p', {}, h('a', { href: `/server/${encodeURIComponent(id)}` }, '← Console'));
  let server;
  let startup;
  try {
    server = await api.server(id);
    if (!grants(server.permissions, READ)) {
      replace(root, back, h('h1', {}, 'Startup'), h('p', { class: 'message error' }, 'You may not see this server\'s startup settings.'));
      return;
    }
    startup = await startupApi.get(id);
  } catch (err) {
    replace(root, back, h('p', { class: 'message error' }, `Could not load the startup settings: ${err.message}`));
    return;
  }
  const mayEdit = grants(server.permissions, UPDATE);
  const command = h('code', { class: 'startup-command' }, startup.command);
  const variables = startup.variables.map((v) => variableCard(v));
  replace(root, back,
    h('h1', {}, `Startup of ${server.name ?? id}`),
    h('section', { class: 'card startup-command-card' }, h('h2', {}, 'Startup command'), h('pre', { class: 'startup-pre' }, command)),
    imageCard(),
    h('h2', {}, 'Variables'),
    variables.length ? h('div', { class: 'startup-variables' }, variables) : h('p', { class: 'muted' }, 'This server has no variables you can see.'));

  function variableCard(variable) {
    const status = h('p', { class: 'message', role: 'alert' });
    const editable = mayEdit && variable.is_editable === true;
    const name = variable.env_variable;
    const head = h('div', { class: 'variable-head' }, h('strong', {}, variable.name ?? name), ' ', h('code', {}, name),
      editable ? null : h('span', { class: 'badge' }, 'read-only'));
    const description = variable.description ? h('p', { class: 'muted' }, variable.description) : null;
    const rules = variable.rules ? h('p', { class: 'muted rules' }, 'Rules: ', h('code', {}, variable.rules)) : null;
    if (!editable) {
      return h('div', { class: 'card startup-variable', 'data-variable': name }, head, description,
        h('code', { class: 'variable-value' }, shownValue(variable)), rules);
    }
    const input = h('input', { name, value: shownValue(variable), 'aria-label': variable.name ?? name, spellcheck: 'false', autocomplete: 'off' });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
    const form = h('form', { class: 'variable-form', onsubmit: submit }, input, save);
    return h('div', { class: 'card startup-variable', 'data-variable': name }, head, description, form, rules, status);

    async function submit(e) {
      e.preventDefault();
      save.disabled = true;
      message(status, 'info', 'Saving…');
      try {
        const answer = await startupApi.setVariable(id, name, input.value);
        if (answer.errors) {
          input.setAttribute('aria-invalid', 'true');
          message(status, 'error', answer.errors.join(' '));
          return;
        }
        input.removeAttribute('aria-invalid');
        input.value = shownValue(answer.variable);
        if (answer.command !== null) command.textContent = answer.command;
        message(status, 'success', 'Saved. The server uses it from its next start.');
      } catch (err) {
        message(status, 'error', err.message);
      } finally {
        save.disabled = false;
      }
    }
  }

  function imageCard() {
    if (!grants(server.permissions, IMAGE) || startup.images.length < 2) {
      return server.docker_image ? h('p', { class: 'muted' }, 'Docker image: ', h('code', {}, server.docker_image)) : null;
    }
    const status = h('p', { class: 'message', role: 'alert' });
    const known = startup.images.some((i) => i.image === server.docker_image);
    const select = h('select', { name: 'docker_image', 'aria-label': 'Docker image' },
      known ? null : h('option', { value: server.docker_image ?? '', disabled: true }, `${server.docker_image ?? ''} (set by an administrator)`),
      startup.images.map((i) => h('option', { value: i.image }, `${i.label} (${i.image})`)));
    select.value = server.docker_image ?? '';
    const save = h('button', { type: 'submit' }, 'Change image');
    return h('form', { class: 'card startup-image', onsubmit: submit }, h('h2', {}, 'Docker image'), select, save, status);

    async function submit(e) {
      e.preventDefault();
      save.disabled = true;
      try {
        await startupApi.setImage(id, select.value);
        server.docker_image = select.value;
        message(status, 'success', 'Image changed. The server uses it from its next start.');
      } catch (err) {
        message(status, 'error', err.message);
      } finally {
        save.disabled = false;
      }
    }
  }
}
