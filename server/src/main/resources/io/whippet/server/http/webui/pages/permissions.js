// The permissions editor of the users page: global flags, then per-stream flags, each stream
// with per-topic flags (the API's Permissions shape, spec section 4.2).
import * as api from '../api.js';
import { h, button } from '../dom.js';

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
const STREAM = ['manage_stream', 'read_stream', 'manage_topics', 'read_topics', 'poll_messages', 'send_messages'];
const TOPIC = ['manage_topic', 'read_topic', 'poll_messages', 'send_messages'];

const label = (flag) => flag.replaceAll('_', ' ');

function checks(flags, values) {
  return flags.map((flag) => h('label', {}, h('input', { type: 'checkbox', 'data-flag': flag, checked: values?.[flag] }), label(flag)));
}

function readChecks(container) {
  return Object.fromEntries([...container.querySelectorAll(':scope > .flags input[data-flag]')].map((input) => [input.dataset.flag, input.checked]));
}

/** A select of `items` ({id, name}) that keeps `selected` even when it is no longer listed. */
function idSelect(className, labelText, items, selected) {
  const options = items.map((item) => h('option', { value: item.id, selected: String(item.id) === String(selected) }, `${item.id}: ${item.name}`));
  if (selected !== undefined && !items.some((item) => String(item.id) === String(selected))) {
    options.unshift(h('option', { value: selected, selected: true }, `${selected}: (missing)`));
  }
  return h('select', { class: className, 'aria-label': labelText }, options);
}

async function topicRow(streamId, topicId, values) {
  const topics = await api.topics(streamId).catch(() => []);
  const row = h('div', { class: 'topic-permission' }, idSelect('topic-id', `Topic of stream ${streamId}`, topics, topicId), h('div', { class: 'flags' }, checks(TOPIC, values)));
  row.append(button('Remove topic', () => row.remove()));
  return row;
}

function streamBlock(streams, streamId, values) {
  const select = idSelect('stream-id', 'Stream', streams, streamId);
  const topics = h('div', { class: 'topics' });
  const block = h(
    'fieldset',
    { class: 'stream-permission' },
    h('legend', {}, 'Stream ', select),
    h('div', { class: 'flags' }, checks(STREAM, values)),
    topics,
  );
  // Topic rows name topics of the selected stream; a new stream starts without any.
  select.addEventListener('change', () => topics.replaceChildren());
  block.append(
    h(
      'div',
      { class: 'row-actions' },
      button('Add topic permissions', async () => topics.append(await topicRow(select.value))),
      button('Remove stream', () => block.remove(), 'danger'),
    ),
  );
  Object.entries(values?.topics || {}).forEach(async ([topicId, topicValues]) => topics.append(await topicRow(streamId, topicId, topicValues)));
  return block;
}

/** The editor's fields for `permissions` (null: none); streams are listed by name. */
export async function permissionFields(permissions) {
  const streams = await api.streams().catch(() => []);
  const blocks = h('div', { class: 'stream-permissions' }, Object.entries(permissions?.streams || {}).map(([id, values]) => streamBlock(streams, id, values)));
  return [
    h('fieldset', { class: 'checks global-permissions' }, h('legend', {}, 'Global permissions'), h('div', { class: 'flags' }, checks(GLOBAL, permissions?.global))),
    h('h3', {}, 'Per stream'),
    blocks,
    streams.length === 0
      ? h('p', { class: 'muted' }, 'There are no streams to grant.')
      : button('Add stream permissions', () => blocks.append(streamBlock(streams, undefined, null))),
  ];
}

/** The Permissions object the editor in `form` describes. */
export function readPermissions(form) {
  const global = readChecks(form.querySelector('.global-permissions'));
  const streams = {};
  for (const block of form.querySelectorAll('.stream-permission')) {
    const topics = {};
    for (const row of block.querySelectorAll('.topic-permission')) {
      const topicId = row.querySelector('.topic-id').value;
      if (topicId !== '') topics[topicId] = readChecks(row);
    }
    streams[block.querySelector('.stream-id').value] = { ...readChecks(block), topics };
  }
  return { global, streams };
}
