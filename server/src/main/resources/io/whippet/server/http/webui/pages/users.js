import * as api from '../api.js';
import { h, field, table, button, modal, confirmAction, attempt, time, readInput } from '../dom.js';
import { permissionFields, readPermissions } from './permissions.js';

export async function render({ main, onRefresh }) {
  const list = h('div');
  const refresh = async () => {
    const users = await api.users();
    list.replaceChildren(
      table(
        ['ID', 'Username', 'Status', 'Created', 'Actions'],
        users.map((user) => [
          user.id,
          user.username,
          user.status,
          time(user.created_at),
          h(
            'div',
            { class: 'row-actions' },
            button('Edit', () => edit(user, refresh)),
            button('Permissions', () => permissions(user)),
            button('Password', () => password(user)),
            button('Delete', () => confirmAction(`Delete user "${user.username}"?`, () => api.deleteUser(user.id), refresh), 'danger'),
          ),
        ]),
      ),
    );
  };
  main.append(h('div', { class: 'title' }, h('h1', {}, 'Users'), button('Add user', () => add(refresh), 'primary')), list);
  await refresh();
  onRefresh(refresh);
}

function statusSelect(status) {
  return h('select', { name: 'status' }, ['active', 'inactive'].map((value) => h('option', { value, selected: value === status }, value)));
}

async function add(refresh) {
  const permissionEditor = await permissionFields(null);
  modal(
    'Add user',
    () => [
      field('Username', h('input', { name: 'username', required: true, autocomplete: 'off' })),
      field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' })),
      field('Status', statusSelect('active')),
      ...permissionEditor,
    ],
    async (form) => {
      await api.createUser(readInput(form, 'username'), form.elements.namedItem('password').value, readInput(form, 'status'), readPermissions(form));
      await attempt(refresh);
    },
  );
}

function edit(user, refresh) {
  modal(
    `Edit user ${user.username}`,
    () => [field('Username', h('input', { name: 'username', required: true, value: user.username })), field('Status', statusSelect(user.status))],
    async (form) => {
      await api.updateUser(user.id, readInput(form, 'username'), readInput(form, 'status'));
      await attempt(refresh);
    },
  );
}

async function permissions(user) {
  const details = await attempt(() => api.user(user.id));
  if (!details) return;
  const editor = await permissionFields(details.permissions);
  modal(`Permissions of ${user.username}`, () => editor, (form) => api.updatePermissions(user.id, readPermissions(form)));
}

function password(user) {
  modal(
    `Change the password of ${user.username}`,
    () => [
      field('Current password', h('input', { name: 'current', type: 'password', required: true, autocomplete: 'current-password' })),
      field('New password', h('input', { name: 'new', type: 'password', required: true, autocomplete: 'new-password' })),
    ],
    (form) => api.changePassword(user.id, form.elements.namedItem('current').value, form.elements.namedItem('new').value),
  );
}
