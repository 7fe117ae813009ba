import * as api from '../api.js';
import { h, field, table, button, modal, confirmAction, attempt, readInput } from '../dom.js';
import { topicCrumbs } from './crumbs.js';

/** Stored offsets of one consumer (id or name) on every partition of the topic. */
export async function render({ main, params, base }) {
  const { stream: streamId, topic: topicId } = params;
  const list = h('div');
  const consumer = h('input', { name: 'consumer', required: true, value: '0' });
  const show = async () => {
    const consumerId = consumer.value.trim();
    const topic = await api.topic(streamId, topicId);
    const rows = [];
    for (const partition of topic.partitions) {
      let stored = '—';
      try {
        stored = (await api.consumerOffset(streamId, topicId, consumerId, partition.id)).stored_offset;
      } catch (e) {
        if (e.status !== 404) throw e;
      }
      rows.push([
        partition.id,
        partition.current_offset,
        stored,
        h(
          'div',
          { class: 'row-actions' },
          button('Set', () => store(streamId, topicId, consumerId, partition.id, show)),
          stored === '—'
            ? null
            : button('Delete', () => confirmAction(`Delete the stored offset of consumer ${consumerId} on partition ${partition.id}?`, () => api.deleteConsumerOffset(streamId, topicId, consumerId, partition.id), show), 'danger'),
        ),
      ]);
    }
    list.replaceChildren(h('h2', {}, `Consumer ${consumerId}`), table(['Partition', 'Current offset', 'Stored offset', 'Actions'], rows, 'No partitions.'));
  };
  const form = h('form', { class: 'toolbar' }, field('Consumer id or name', consumer), h('button', { type: 'submit', class: 'primary' }, 'Show offsets'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(show);
  });
  main.append(
    topicCrumbs(base, streamId, topicId, 'consumer offsets'),
    h('h1', {}, 'Consumer offsets'),
    h('p', { class: 'muted' }, 'Over HTTP every consumer is a plain consumer; a consumer group\'s offsets are those of the consumer with the group\'s id.'),
    form,
    list,
  );
  await show();
}

function store(streamId, topicId, consumerId, partitionId, show) {
  modal(
    `Store offset of consumer ${consumerId} on partition ${partitionId}`,
    () => field('Offset', h('input', { name: 'offset', type: 'number', min: 0, required: true })),
    async (form) => {
      await api.storeConsumerOffset(streamId, topicId, consumerId, partitionId, Number(readInput(form, 'offset')));
      await attempt(show);
    },
  );
}
