import * as api from '../api.js';
import { h, field, table, link, button, modal, confirmAction, attempt, time, duration, bytes, readInput } from '../dom.js';

const UNITS_SECONDS = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** "30 s", "15 min", "2 h", "7 d", "0" (server default) or "never" → µs as a BigInt. */
export function expiryMicros(text) {
  const value = text.trim().toLowerCase();
  if (value === '' || value === '0') return 0n;
  if (value === 'never' || value === 'unlimited') return api.never;
  const parsed = /^(\d+)\s*(s|sec|m|min|h|d)$/.exec(value);
  if (!parsed) throw new Error(`Message expiry "${text}": expected e.g. 30 s, 15 min, 2 h, 7 d, 0 or never`);
  return BigInt(parsed[1]) * BigInt(UNITS_SECONDS[parsed[2]]) * 1000000n;
}

function sizeValue(text) {
  const value = text.trim();
  return value === '' || value === '0' ? 0 : value;
}

function settingsFields(topic) {
  return [
    field('Name', h('input', { name: 'name', required: true, maxlength: 255, value: topic?.name })),
    field(
      'Compression',
      h(
        'select',
        { name: 'compression' },
        ['none', 'gzip'].map((algorithm) => h('option', { value: algorithm, selected: topic?.compression_algorithm === algorithm }, algorithm)),
      ),
    ),
    field('Max size', h('input', { name: 'max_size', value: topic ? bytes(topic.max_topic_size) : '0' }), 'e.g. 10 GB, 500 MiB, unlimited; 0 = server default'),
    field(
      'Message expiry',
      h('input', { name: 'expiry', value: topic ? duration(topic.message_expiry).replace('server default', '0') : '0' }),
      'e.g. 30 s, 15 min, 2 h, 7 d, never; 0 = server default',
    ),
  ];
}

function settings(form) {
  return {
    name: readInput(form, 'name'),
    compression_algorithm: readInput(form, 'compression'),
    max_topic_size: sizeValue(readInput(form, 'max_size')),
    message_expiry: expiryMicros(readInput(form, 'expiry')),
  };
}

export async function render({ main, params, onRefresh, base }) {
  const streamId = params.stream;
  const title = h('h1', {}, `Stream ${streamId}`);
  const list = h('div');
  const refresh = async () => {
    const stream = await api.stream(streamId);
    title.textContent = `Stream ${stream.name}`;
    list.replaceChildren(
      table(
        ['ID', 'Name', 'Partitions', 'Messages', 'Size', 'Max size', 'Expiry', 'Compression', 'Created', 'Actions'],
        stream.topics.map((topic) => [
          topic.id,
          link(`${base}/streams/${streamId}/topics/${topic.id}`, topic.name),
          topic.partitions_count,
          topic.messages_count,
          topic.size,
          bytes(topic.max_topic_size),
          duration(topic.message_expiry),
          topic.compression_algorithm,
          time(topic.created_at),
          h(
            'div',
            { class: 'row-actions' },
            button('Edit', () => edit(streamId, topic, refresh)),
            button('Purge', () => confirmAction(`Delete every message of topic "${topic.name}"?`, () => api.purgeTopic(streamId, topic.id), refresh)),
            button('Delete', () => confirmAction(`Delete topic "${topic.name}" with all its messages?`, () => api.deleteTopic(streamId, topic.id), refresh), 'danger'),
          ),
        ]),
        'No topics yet.',
      ),
    );
  };
  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' }, link(`${base}/streams`, 'Streams'), ' / ', streamId),
    h('div', { class: 'title' }, title, button('Add topic', () => add(streamId, refresh), 'primary')),
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function add(streamId, refresh) {
  modal(
    'Add topic',
    () => [...settingsFields(null), field('Partitions', h('input', { name: 'partitions', type: 'number', min: 0, value: 1, required: true }))],
    async (form) => {
      await api.createTopic(streamId, Number(readInput(form, 'partitions')), settings(form));
      await attempt(refresh);
    },
  );
}

function edit(streamId, topic, refresh) {
  modal(`Edit topic ${topic.name}`, () => settingsFields(topic), async (form) => {
    await api.updateTopic(streamId, topic.id, settings(form));
    await attempt(refresh);
  });
}
