import * as api from '../api.js';
import { fromBase64, DECODERS, guessDecoder, headerValue, utf8 } from '../codec.js';
import { h, field, table, link, button, modal, time, toast } from '../dom.js';
import { topicCrumbs } from './crumbs.js';

const PAGE_SIZES = [10, 20, 50, 100];

export async function render({ main, params, onRefresh, base }) {
  const { stream: streamId, topic: topicId, partition } = params;
  const partitionId = Number(partition);
  const state = { page: 0, size: 20, newestFirst: true };
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const list = h('div');
  const order = h('select', { 'aria-label': 'Order' }, h('option', { value: 'newest' }, 'Newest first'), h('option', { value: 'oldest' }, 'Oldest first'));
  const size = h('select', { 'aria-label': 'Messages per page' }, PAGE_SIZES.map((n) => h('option', { value: n, selected: n === state.size }, `${n} per page`)));
  const previous = button('‹ Previous', () => go(state.page - 1));
  const next = button('Next ›', () => go(state.page + 1));

  const refresh = async () => {
    const topic = await api.topic(streamId, topicId);
    const info = topic.partitions.find((p) => p.id === partitionId);
    if (!info) throw new Error(`Partition ${partitionId} does not exist`);
    const total = info.messages_count === 0 ? 0 : Number(info.current_offset) + 1;
    const pages = Math.max(1, Math.ceil(total / state.size));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    let start = state.page * state.size;
    let count = state.size;
    if (state.newestFirst) {
      const end = total - 1 - state.page * state.size;
      start = Math.max(0, end - state.size + 1);
      count = end - start + 1;
    }
    const polled = total === 0 ? { messages: [] } : await api.pollMessages(streamId, topicId, partitionId, 'offset', start, count);
    const messages = polled.messages.filter((m) => Number(m.header.offset) < start + count);
    if (state.newestFirst) messages.reverse();
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    status.textContent = total === 0 ? 'This partition has no messages.' : `Page ${state.page + 1} of ${pages} (offsets up to ${total - 1})`;
    list.replaceChildren(
      table(
        ['Offset', 'Timestamp', 'Checksum', 'ID', 'Payload', ''],
        messages.map((message) => [
          message.header.offset,
          time(message.header.timestamp),
          message.header.checksum,
          message.header.id,
          h('code', { class: 'preview' }, preview(message)),
          button('Inspect', () => inspect(message)),
        ]),
        'No messages on this page.',
        false,
      ),
    );
  };
  const go = (page) => {
    state.page = page;
    refresh().catch((e) => toast(e.reason || e.message, 'error'));
  };
  order.addEventListener('change', () => {
    state.newestFirst = order.value === 'newest';
    go(0);
  });
  size.addEventListener('change', () => {
    state.size = Number(size.value);
    go(0);
  });
  const topicPath = `${base}/streams/${streamId}/topics/${topicId}`;
  main.append(
    topicCrumbs(base, streamId, topicId, `partition ${partitionId}`),
    h('div', { class: 'title' }, h('h1', {}, `Messages of partition ${partitionId}`), link(`${topicPath}/send`, 'Send a message')),
    h('div', { class: 'toolbar' }, order, size, previous, next),
    status,
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function preview(message) {
  const text = utf8(fromBase64(message.payload).slice(0, 120));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function inspect(message) {
  const bytes = fromBase64(message.payload);
  const output = h('pre', { class: 'payload', tabindex: 0 });
  const decoder = h('select', { name: 'decoder' }, Object.keys(DECODERS).map((name) => h('option', { value: name }, name)));
  const show = () => {
    try {
      output.textContent = DECODERS[decoder.value](bytes);
    } catch (e) {
      output.textContent = `Not ${decoder.value}: ${e.message}`;
    }
  };
  decoder.value = guessDecoder(bytes);
  decoder.addEventListener('change', show);
  show();
  const header = message.header;
  const headers = Array.isArray(message.user_headers) ? message.user_headers : [];
  modal(`Message at offset ${header.offset}`, () => [
    h(
      'dl',
      { class: 'facts' },
      Object.entries(header).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, name.endsWith('timestamp') ? `${value} (${time(value)})` : value)]),
    ),
    h('h3', {}, 'Headers'),
    typeof message.user_headers === 'string'
      ? h('p', {}, `Unparsed header bytes: ${message.user_headers}`)
      : table(['Key', 'Kind', 'Value'], headers.map((entry) => [headerValue(entry.key), entry.value.kind, headerValue(entry.value)]), 'No headers.'),
    h('h3', {}, `Payload (${bytes.length} bytes)`),
    field('Decode as', decoder),
    output,
  ]);
}
