import * as api from '../api.js';
import { h, field } from '../dom.js';

export async function render({ main, navigate }) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card sign-in' }, h('h1', {}, 'Sign in to Whippet'), field('Username', username), field('Password', password), error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await api.signIn(username.value, password.value);
      navigate('/', true);
    } catch (e) {
      error.textContent = e.reason || e.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  username.focus();
}
