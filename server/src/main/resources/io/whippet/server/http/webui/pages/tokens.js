import * as api from '../api.js';
import { h, field, table, button, modal, confirmAction, attempt, time, readInput } from '../dom.js';

/** The signed-in user's personal access tokens. */
export async function render({ main, onRefresh }) {
  const list = h('div');
  const refresh = async () => {
    const tokens = await api.tokens();
    list.replaceChildren(
      table(
        ['Name', 'Expires', ''],
        tokens.map((token) => [
          token.name,
          token.expiry_at === null ? 'never' : time(token.expiry_at),
          button('Delete', () => confirmAction(`Delete token "${token.name}"? Clients using it can no longer sign in.`, () => api.deleteToken(token.name), refresh), 'danger'),
        ]),
        'No personal access tokens.',
      ),
    );
  };
  main.append(
    h('div', { class: 'title' }, h('h1', {}, 'Personal access tokens'), button('Create token', () => create(refresh), 'primary')),
    h('p', { class: 'muted' }, 'Tokens of the signed-in user; a client signs in with one instead of a password.'),
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function create(refresh) {
  modal(
    'Create personal access token',
    () => [
      field('Name', h('input', { name: 'name', required: true, minlength: 3, maxlength: 30 })),
      field('Expires after (seconds)', h('input', { name: 'expiry', type: 'number', min: 0, value: 0 }), '0 = never'),
    ],
    async (form) => {
      const created = await api.createToken(readInput(form, 'name'), Number(readInput(form, 'expiry')) * 1000000);
      await attempt(refresh);
      modal('Your new token', () => [
        h('p', {}, 'Copy it now: it is shown only once.'),
        h('input', { readonly: true, value: created.token, 'aria-label': 'Token', class: 'code' }),
      ]);
    },
  );
}
