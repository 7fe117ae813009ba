// DOM helpers: elements built with h() (text is always set as text, never parsed as HTML),
// modal dialogs, confirmations, toasts and formatting.

/** h('button', {class: 'x', onclick: fn}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked') element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A labelled form field; `input` is the control element. */
export function field(label, input, hint) {
  const inputId = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = inputId;
  return h('div', { class: 'field' }, h('label', { for: inputId }, label), input, hint ? h('small', {}, hint) : null);
}

/** Each table's sort column, by its column names, so a refresh keeps the reader's order. */
const sortOrders = new Map();

/**
 * A table whose column headers sort it (click again to reverse); columns named '' or 'Actions' never sort,
 * nor does any column when `sortable` is false (the message browser has its own order).
 */
export function table(columns, rows, emptyText = 'Nothing here yet.', sortable = true) {
  if (rows.length === 0) return h('p', { class: 'empty' }, emptyText);
  const key = columns.join('|');
  const order = sortOrders.get(key);
  const sorted = order ? [...rows].sort((a, b) => compareCells(a[order.index], b[order.index]) * (order.descending ? -1 : 1)) : rows;
  const element = h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((column, index) => {
          if (!sortable || column === '' || column === 'Actions') return h('th', { scope: 'col' }, column);
          const current = order?.index === index;
          const sort = () => {
            sortOrders.set(key, { index, descending: current && !order.descending });
            element.replaceWith(table(columns, rows, emptyText, sortable));
          };
          return h(
            'th',
            { scope: 'col', 'aria-sort': current ? (order.descending ? 'descending' : 'ascending') : null },
            h('button', { type: 'button', class: 'sort', onclick: sort }, column),
          );
        }),
      ),
    ),
    h('tbody', {}, sorted.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))),
  );
  return element;
}

function compareCells(a, b) {
  const x = a instanceof Node ? a.textContent : String(a ?? '');
  const y = b instanceof Node ? b.textContent : String(b ?? '');
  return x.localeCompare(y, undefined, { numeric: true });
}

export function link(href, text) {
  return h('a', { href, 'data-link': true }, text);
}

export function button(text, onclick, kind = '') {
  return h('button', { type: 'button', class: kind, onclick }, text);
}

/**
 * Opens a modal <dialog>. `build(close)` returns its content; when `onSubmit` is given the
 * content is a form whose submit calls it, showing any error in the dialog and closing on success.
 */
let modalCount = 0;

export function modal(title, build, onSubmit) {
  const titleId = `modal-title-${++modalCount}`;
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const dialog = h('dialog', { 'aria-labelledby': titleId });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const body = build(close);
  let content;
  if (onSubmit) {
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Save');
    content = h('form', {}, body, error, h('div', { class: 'actions' }, button('Cancel', close), submit));
    content.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        await onSubmit(content);
        close();
      } catch (e) {
        error.textContent = e.reason || e.message;
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });
  } else {
    content = h('div', {}, body, h('div', { class: 'actions' }, button('Close', close)));
  }
  dialog.append(h('h2', { id: titleId }, title), content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks before a destructive action; runs it and reports the outcome. */
export function confirmAction(question, action, done) {
  modal(
    'Please confirm',
    () => h('p', {}, question),
    async () => {
      await action();
      done?.();
    },
  ).querySelector('button[type=submit]').textContent = 'Yes, do it';
}

export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  region.append(item);
  setTimeout(() => item.remove(), 5000);
}

/** Runs an API call, toasting its error `reason`. */
export async function attempt(action, success) {
  try {
    const result = await action();
    if (success) toast(success);
    return result;
  } catch (e) {
    toast(e.reason || e.message, 'error');
    return undefined;
  }
}

/** µs since the epoch as local time. */
export function time(micros) {
  if (micros === null || micros === undefined || Number(micros) === 0) return '—';
  return new Date(Number(micros) / 1000).toLocaleString();
}

/** µs as a short duration; u64::MAX and 0 have names. */
export function duration(micros) {
  if (String(micros) === '18446744073709551615') return 'never';
  const seconds = Number(micros) / 1e6;
  if (seconds === 0) return 'server default';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  }
  return `${seconds} s`;
}

/** A byte count in the largest decimal unit that holds it exactly; u64::MAX and 0 have names. */
export function bytes(value) {
  if (String(value) === '18446744073709551615') return 'unlimited';
  if (typeof value === 'string') return value;
  if (value === 0) return 'server default';
  for (const [unit, size] of [['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['KB', 1e3]]) {
    if (value >= size && value % size === 0) return `${value / size} ${unit}`;
  }
  return `${value} B`;
}

export function readInput(form, name) {
  return form.elements.namedItem(name).value.trim();
}
