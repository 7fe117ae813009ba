import * as api from '../api.js';
import { h, table, button, modal, attempt } from '../dom.js';

export async function render({ main, onRefresh }) {
  const list = h('div');
  const refresh = async () => {
    const clients = await api.clients();
    list.replaceChildren(
      table(
        ['ID', 'Address', 'Transport', 'User', 'Consumer groups', ''],
        clients.map((client) => [
          client.client_id,
          client.address,
          client.transport,
          client.user_id ?? 'not signed in',
          client.consumer_groups_count,
          client.consumer_groups_count > 0 ? button('Groups', () => groups(client)) : '',
        ]),
        'No clients connected.',
      ),
    );
  };
  main.append(h('h1', {}, 'Connected clients'), list);
  await refresh();
  onRefresh(refresh);
}

async function groups(client) {
  const details = await attempt(() => api.client(client.client_id));
  if (!details) return;
  modal(`Consumer groups of client ${client.client_id}`, () =>
    table(['Stream', 'Topic', 'Group'], details.consumer_groups.map((g) => [g.stream_id, g.topic_id, g.group_id ?? g.consumer_group_id])),
  );
}
