import * as api from '../api.js';
import { h, field, table, button, modal, confirmAction, attempt, readInput } from '../dom.js';
import { topicCrumbs } from './crumbs.js';

export async function render({ main, params, onRefresh, base }) {
  const { stream: streamId, topic: topicId } = params;
  const list = h('div');
  const refresh = async () => {
    const groups = await api.groups(streamId, topicId);
    list.replaceChildren(
      table(
        ['ID', 'Name', 'Partitions', 'Members', 'Actions'],
        groups.map((group) => [
          group.id,
          group.name,
          group.partitions_count,
          group.members_count,
          h(
            'div',
            { class: 'row-actions' },
            button('Show members', () => members(streamId, topicId, group)),
            button('Delete', () => confirmAction(`Delete consumer group "${group.name}"?`, () => api.deleteGroup(streamId, topicId, group.id), refresh), 'danger'),
          ),
        ]),
        'No consumer groups.',
      ),
    );
  };
  main.append(
    topicCrumbs(base, streamId, topicId, 'consumer groups'),
    h('div', { class: 'title' }, h('h1', {}, 'Consumer groups'), button('Add group', () => add(streamId, topicId, refresh), 'primary')),
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function add(streamId, topicId, refresh) {
  modal(
    'Add consumer group',
    () => field('Name', h('input', { name: 'name', required: true, maxlength: 255 })),
    async (form) => {
      await api.createGroup(streamId, topicId, readInput(form, 'name'));
      await attempt(refresh);
    },
  );
}

async function members(streamId, topicId, group) {
  const details = await attempt(() => api.group(streamId, topicId, group.id));
  if (!details) return;
  modal(`Members of ${group.name}`, () =>
    table(['Member (client id)', 'Partitions'], details.members.map((member) => [member.id, member.partitions.join(', ')]), 'No members.'),
  );
}
