import * as api from '../api.js';
import { h, field, table, link, button, modal, time, readInput, attempt } from '../dom.js';

export async function render({ main, params, onRefresh, base }) {
  const { stream: streamId, topic: topicId } = params;
  const here = `${base}/streams/${streamId}/topics/${topicId}`;
  const title = h('h1', {}, `Topic ${topicId}`);
  const list = h('div');
  const refresh = async () => {
    const topic = await api.topic(streamId, topicId);
    title.textContent = `Topic ${topic.name}`;
    list.replaceChildren(
      table(
        ['ID', 'Messages', 'Current offset', 'Segments', 'Size', 'Created', ''],
        topic.partitions.map((partition) => [
          partition.id,
          partition.messages_count,
          partition.current_offset,
          partition.segments_count,
          partition.size,
          time(partition.created_at),
          link(`${here}/partitions/${partition.id}/messages`, 'Browse messages'),
        ]),
        'No partitions.',
      ),
    );
  };
  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' }, link(`${base}/streams`, 'Streams'), ' / ', link(`${base}/streams/${streamId}`, streamId), ' / ', topicId),
    h(
      'div',
      { class: 'title' },
      title,
      h(
        'div',
        { class: 'row-actions' },
        link(`${here}/send`, 'Send a message'),
        link(`${here}/groups`, 'Consumer groups'),
        link(`${here}/offsets`, 'Consumer offsets'),
        button('Add partitions', () => change('Add partitions', (count) => api.addPartitions(streamId, topicId, count), refresh), 'primary'),
        button('Delete partitions', () => change('Delete the last partitions', (count) => api.deletePartitions(streamId, topicId, count), refresh), 'danger'),
      ),
    ),
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function change(title, action, refresh) {
  modal(
    title,
    () => field('How many', h('input', { name: 'count', type: 'number', min: 1, value: 1, required: true })),
    async (form) => {
      await action(Number(readInput(form, 'count')));
      await attempt(refresh);
    },
  );
}
