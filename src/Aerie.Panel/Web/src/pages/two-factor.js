// The account page's two-factor section: enrol (QR code, secret as text, code + password, recovery codes shown
// once) or, when enabled, disable with the password. Spec 04 §2.2 routes through api.twoFactor.
import QRCode from 'qrcode';
import { api } from '../api.js';
import { formValues, h, message, replace } from '../dom.js';
import { field } from './admin-common.js';

const ALREADY_ENABLED = 'Two-factor authentication is already enabled on this account.';

export function twoFactorSection() {
  const status = h('p', { class: 'message', role: 'alert' });
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const section = h('section', { class: 'two-factor' },
    h('h2', {}, 'Two-factor authentication'),
    h('p', { class: 'muted' }, 'A code from an authenticator app (TOTP) is asked for after the password at every sign-in.'),
    status, body);
  load();
  return section;

  async function load() {
    try {
      const { image_url_data: url, secret } = await api.twoFactor.begin();
      showEnrol(url, secret);
    } catch (err) {
      if (err.status === 400 && err.message === ALREADY_ENABLED) showEnabled();
      else message(status, 'error', `Could not load two-factor settings: ${err.message}`);
    }
  }

  async function showEnrol(url, secret) {
    const image = h('img', { class: 'qr', alt: 'QR code for your authenticator app', width: 200, height: 200 });
    QRCode.toDataURL(url, { margin: 1, width: 200 }).then((data) => { image.src = data; }, () => { image.alt = 'QR code unavailable; enter the secret by hand.'; });
    const form = h('form', { class: 'card form-grid two-factor-enable', onsubmit: enable },
      h('p', {}, 'Scan the QR code with your authenticator app, or enter the secret by hand, then confirm with a code.'),
      image,
      h('p', {}, 'Secret: ', h('code', { class: 'totp-secret' }, secret)),
      field('Code from the app', h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, minlength: 6, maxlength: 6 })),
      field('Your password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 })),
      h('button', { type: 'submit', class: 'primary' }, 'Enable two-factor'));
    replace(body, form);

    async function enable(e) {
      e.preventDefault();
      const { code, password } = formValues(form);
      message(status, 'info', 'Enabling…');
      try {
        const tokens = await api.twoFactor.enable(code.trim(), password);
        message(status, 'success', 'Two-factor authentication is enabled.');
        showEnabled(tokens);
      } catch (err) {
        message(status, 'error', err.message);
      }
    }
  }

  function showEnabled(tokens) {
    const form = h('form', { class: 'card form-grid two-factor-disable', onsubmit: disable },
      h('p', {}, 'Two-factor authentication is on.'),
      field('Your password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 })),
      h('button', { type: 'submit', class: 'danger' }, 'Disable two-factor'));
    const codes = tokens?.length
      ? h('div', { class: 'card secret recovery-codes' },
        h('strong', {}, 'Recovery codes: each signs you in once if the app is lost. Store them now; they are not shown again.'),
        h('ul', {}, tokens.map((t) => h('li', {}, h('code', {}, t)))),
        h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(tokens.join('\n')) }, 'Copy'))
      : null;
    replace(body, codes, form);

    async function disable(e) {
      e.preventDefault();
      const { password } = formValues(form);
      message(status, 'info', 'Disabling…');
      try {
        await api.twoFactor.disable(password);
        message(status, 'success', 'Two-factor authentication is disabled.');
        await load();
      } catch (err) {
        message(status, 'error', err.message);
      }
    }
  }
}
