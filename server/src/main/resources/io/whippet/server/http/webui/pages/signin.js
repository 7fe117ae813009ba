import * as api from '../api.js';
import { h, field } from '../dom.js';

/** A sign-in form: `signIn(form)` runs on submit; its error shows in the form. */
function signInForm(heading, fields, signIn, navigate) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card sign-in' }, heading, fields, error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await signIn();
      navigate('/', true);
    } catch (e) {
      error.textContent = e.reason || e.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export async function render({ main, navigate }) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const token = h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true });
  const withPassword = signInForm(h('h1', {}, 'Sign in to Whippet'), [field('Username', username), field('Password', password)], () => api.signIn(username.value, password.value), navigate);
  const withToken = signInForm(h('h2', {}, 'Or with a personal access token'), [field('Token', token)], () => api.signInWithToken(token.value.trim()), navigate);
  withToken.classList.add('token');
  main.append(withPassword, withToken);
  username.focus();
}
