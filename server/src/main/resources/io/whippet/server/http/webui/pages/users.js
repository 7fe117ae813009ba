import * as api from '../api.js';
import { h, field, table, button, modal, confirmAction, attempt, time, readInput } from '../dom.js';

const GLOBAL = [
  'manage_servers',
  'read_servers',
  'manage_users',
  'read_users',
  'manage_streams',
  'read_streams',
  'manage_topics',
  'read_topics',
  'poll_messages',
  'send_messages',
];

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

/** Global checkboxes plus the per-stream/per-topic part as JSON (the API's own shape). */
function permissionFields(permissions) {
  const global = permissions?.global || {};
  return [
    h(
      'fieldset',
      { class: 'checks' },
      h('legend', {}, 'Global permissions'),
      GLOBAL.map((name) => h('label', {}, h('input', { type: 'checkbox', name, checked: global[name] }), name.replace('_', ' '))),
    ),
    field(
      'Stream and topic permissions (JSON)',
      h('textarea', { name: 'streams', rows: 6, class: 'code', value: permissions?.streams ? JSON.stringify(permissions.streams, null, 2) : '' }),
      'e.g. {"0": {"manage_stream": false, "read_stream": true, "manage_topics": false, "read_topics": true, "poll_messages": true, "send_messages": false, "topics": null}}',
    ),
  ];
}

function readPermissions(form) {
  const global = Object.fromEntries(GLOBAL.map((name) => [name, form.elements.namedItem(name).checked]));
  const streamsText = readInput(form, 'streams');
  let streams = null;
  if (streamsText) {
    try {
      streams = JSON.parse(streamsText);
    } catch (e) {
      throw new Error(`Stream permissions: ${e.message}`);
    }
  }
  return { global, streams };
}

function add(refresh) {
  modal(
    'Add user',
    () => [
      field('Username', h('input', { name: 'username', required: true, autocomplete: 'off' })),
      field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' })),
      field('Status', statusSelect('active')),
      ...permissionFields(null),
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
  modal(`Permissions of ${user.username}`, () => permissionFields(details.permissions), (form) => api.updatePermissions(user.id, readPermissions(form)));
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
