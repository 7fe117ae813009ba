import * as api from '../api.js';
import { h, field, table, link, button, modal, confirmAction, attempt, time, readInput } from '../dom.js';

export async function render({ main, onRefresh, base }) {
  const list = h('div');
  const refresh = async () => {
    const streams = await api.streams();
    list.replaceChildren(
      table(
        ['ID', 'Name', 'Topics', 'Messages', 'Size', 'Created', 'Actions'],
        streams.map((stream) => [
          stream.id,
          link(`${base}/streams/${stream.id}`, stream.name),
          stream.topics_count,
          stream.messages_count,
          stream.size,
          time(stream.created_at),
          h(
            'div',
            { class: 'row-actions' },
            button('Rename', () => rename(stream, refresh)),
            button('Purge', () => confirmAction(`Delete every message of stream "${stream.name}"? Topics stay.`, () => api.purgeStream(stream.id), refresh)),
            button('Delete', () => confirmAction(`Delete stream "${stream.name}" with all its topics and messages?`, () => api.deleteStream(stream.id), refresh), 'danger'),
          ),
        ]),
        'No streams yet.',
      ),
    );
  };
  main.append(
    h('div', { class: 'title' }, h('h1', {}, 'Streams'), button('Add stream', () => add(refresh), 'primary')),
    list,
  );
  await refresh();
  onRefresh(refresh);
}

function add(refresh) {
  modal(
    'Add stream',
    () => field('Name', h('input', { name: 'name', required: true, maxlength: 255 })),
    async (form) => {
      await api.createStream(readInput(form, 'name'));
      await attempt(refresh);
    },
  );
}

function rename(stream, refresh) {
  modal(
    `Rename stream ${stream.name}`,
    () => field('New name', h('input', { name: 'name', required: true, maxlength: 255, value: stream.name })),
    async (form) => {
      await api.renameStream(stream.id, readInput(form, 'name'));
      await attempt(refresh);
    },
  );
}
