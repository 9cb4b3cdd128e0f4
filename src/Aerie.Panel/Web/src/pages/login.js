import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';

export async function render(root, _params, ctx) {
  if (await alreadySignedIn(ctx)) return;
  const status = h('p', { class: 'message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card login', onsubmit: onSubmit },
    h('h1', {}, 'Aerie'),
    h('p', { class: 'muted' }, 'Sign in to manage your game servers.'),
    h('label', {}, 'Username or email', h('input', { name: 'login', autocomplete: 'username', required: true, maxlength: 255, autofocus: true })),
    h('label', {}, 'Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 })),
    submit,
    status);
  replace(root, h('div', { class: 'login-wrap' }, form));

  async function onSubmit(e) {
    e.preventDefault();
    const { login, password } = formValues(form);
    submit.disabled = true;
    message(status, 'info', 'Signing in…');
    try {
      const body = await api.login(login, password);
      ctx.signedIn(body?.user ?? body);
      ctx.navigate('/', { replace: true });
    } catch (err) {
      message(status, 'error', err.status === 401 ? 'Wrong username, email or password.' : err.message);
      submit.disabled = false;
    }
  }
}

async function alreadySignedIn(ctx) {
  try {
    const user = await api.account();
    ctx.signedIn(user?.user ?? user);
    ctx.navigate('/', { replace: true });
    return true;
  } catch {
    return false;
  }
}
