import * as api from '../api.js';
import { h, button, attempt, time } from '../dom.js';

const TILES = [
  ['Streams', 'streams_count'],
  ['Topics', 'topics_count'],
  ['Partitions', 'partitions_count'],
  ['Segments', 'segments_count'],
  ['Messages', 'messages_count'],
  ['Messages size', 'messages_size_bytes'],
  ['Clients', 'clients_count'],
  ['Consumer groups', 'consumer_groups_count'],
  ['CPU (process)', (s) => `${Number(s.cpu_usage).toFixed(1)} %`],
  ['CPU (total)', (s) => `${Number(s.total_cpu_usage).toFixed(1)} %`],
  ['Memory (process)', 'memory_usage'],
  ['Memory (total / available)', (s) => `${s.total_memory} / ${s.available_memory}`],
  ['Disk (free / total)', (s) => `${s.free_disk_space} / ${s.total_disk_space}`],
  ['Read', 'read_bytes'],
  ['Written', 'written_bytes'],
  ['Threads', 'threads_count'],
  ['Up since', (s) => time(s.start_time)],
  ['Version', 'iggy_server_version'],
  ['Host', (s) => `${s.hostname} (${s.os_name} ${s.os_version})`],
];

export async function render({ main, onRefresh }) {
  const grid = h('div', { class: 'tiles', 'aria-live': 'polite' });
  main.append(h('div', { class: 'title' }, h('h1', {}, 'Overview'), button('Download snapshot', download)), grid);
  const refresh = async () => {
    const stats = await api.stats();
    grid.replaceChildren(
      ...TILES.map(([label, value]) =>
        h('div', { class: 'tile' }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, typeof value === 'function' ? value(stats) : stats[value])),
      ),
    );
  };
  await refresh();
  onRefresh(refresh);
}

async function download() {
  const snapshot = await attempt(api.snapshot);
  if (!snapshot) return;
  const url = URL.createObjectURL(snapshot.blob);
  const anchor = h('a', { href: url, download: snapshot.fileName });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
