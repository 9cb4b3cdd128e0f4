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
      if (body?.complete === false) {
        showCodeStep(root, body.confirmation_token, ctx, () => render(root, _params, ctx));
        return;
      }
      ctx.signedIn(body?.user ?? body);
      ctx.navigate('/', { replace: true });
    } catch (err) {
      message(status, 'error', err.status === 401 ? 'Wrong username, email or password.' : err.message);
      submit.disabled = false;
    }
  }
}

// The second step for accounts with two-factor: a code from the authenticator app, or a recovery token.
// The confirmation token is single use, so any failure goes back to the password step.
function showCodeStep(root, confirmationToken, ctx, restart) {
  const status = h('p', { class: 'message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Verify');
  const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 32, required: true, autofocus: true });
  const form = h('form', { class: 'card login two-factor', onsubmit: onSubmit },
    h('h1', {}, 'Two-factor'),
    h('p', { class: 'muted' }, 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.'),
    h('label', {}, 'Code or recovery code', code),
    submit,
    status);
  replace(root, h('div', { class: 'login-wrap' }, form));
  code.focus();

  async function onSubmit(e) {
    e.preventDefault();
    const value = code.value.trim().replace(/\s+/g, '');
    submit.disabled = true;
    message(status, 'info', 'Verifying…');
    try {
      const body = await api.checkpoint(confirmationToken, /^\d{6}$/.test(value) ? { code: value } : { recoveryToken: value });
      ctx.signedIn(body?.user ?? body);
      ctx.navigate('/', { replace: true });
    } catch (err) {
      const text = err.status === 401 ? 'That code was not accepted. Sign in again to retry.' : err.message;
      await restart();
      const again = root.querySelector('form.login .message');
      if (again) message(again, 'error', text);
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
