// The shell: client-side routes under /ui, the navigation, the signed-in check and the periodic
// refresh of the page on screen.

import * as api from './api.js';
import { h, link, button, toast } from './dom.js';

const BASE = '/ui';
const REFRESH_KEY = 'whippet.refreshSeconds';
const THEME_KEY = 'whippet.theme';

/** Route pattern → page module; `:name` segments become params. */
const ROUTES = [
  ['/sign-in', './pages/signin.js'],
  ['/', './pages/overview.js'],
  ['/streams', './pages/streams.js'],
  ['/streams/:stream', './pages/topics.js'],
  ['/streams/:stream/topics/:topic', './pages/partitions.js'],
  ['/streams/:stream/topics/:topic/partitions/:partition/messages', './pages/messages.js'],
  ['/streams/:stream/topics/:topic/send', './pages/send.js'],
  ['/streams/:stream/topics/:topic/groups', './pages/groups.js'],
  ['/streams/:stream/topics/:topic/offsets', './pages/offsets.js'],
  ['/users', './pages/users.js'],
  ['/tokens', './pages/tokens.js'],
  ['/clients', './pages/clients.js'],
];

const NAVIGATION = [
  ['/', 'Overview'],
  ['/streams', 'Streams'],
  ['/users', 'Users'],
  ['/tokens', 'Access tokens'],
  ['/clients', 'Clients'],
];

let refreshTimer = 0;
let renderCount = 0;

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, module] of ROUTES) {
    const expected = pattern.split('/').filter(Boolean);
    if (expected.length !== parts.length) continue;
    const params = {};
    if (expected.every((segment, i) => (segment.startsWith(':') ? (params[segment.slice(1)] = decodeURIComponent(parts[i])) : segment === parts[i]))) {
      return { module, params };
    }
  }
  return null;
}

export function navigate(path, replace = false) {
  history[replace ? 'replaceState' : 'pushState']({}, '', BASE + path);
  render();
}

function refreshSeconds() {
  return Number(localStorage.getItem(REFRESH_KEY) || 5);
}

function header() {
  const session = api.currentSession();
  const current = location.pathname.slice(BASE.length) || '/';
  const refresh = h(
    'select',
    { id: 'refresh', 'aria-label': 'Refresh every' },
    [0, 2, 5, 15, 60].map((seconds) =>
      h('option', { value: seconds, selected: seconds === refreshSeconds() }, seconds === 0 ? 'no auto refresh' : `refresh ${seconds} s`),
    ),
  );
  refresh.addEventListener('change', () => {
    localStorage.setItem(REFRESH_KEY, refresh.value);
    render();
  });
  const theme = h(
    'select',
    { 'aria-label': 'Theme' },
    ['system', 'light', 'dark'].map((name) => h('option', { value: name, selected: name === (localStorage.getItem(THEME_KEY) || 'system') }, `${name} theme`)),
  );
  theme.addEventListener('change', () => {
    localStorage.setItem(THEME_KEY, theme.value);
    applyTheme();
  });
  return h(
    'header',
    {},
    h('a', { href: `${BASE}/`, class: 'brand', 'data-link': true }, 'Whippet'),
    h(
      'nav',
      { 'aria-label': 'Main' },
      NAVIGATION.map(([path, text]) => {
        const anchor = link(BASE + path, text);
        const active = path === '/' ? current === '/' : current.startsWith(path);
        if (active) anchor.setAttribute('aria-current', 'page');
        return anchor;
      }),
    ),
    h('div', { class: 'session' }, theme, refresh, h('span', {}, session.username), button('Sign out', () => api.signOut().catch(() => {}))),
  );
}

function applyTheme() {
  const theme = localStorage.getItem(THEME_KEY) || 'system';
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Renders the page for the current location; a newer render makes older async work stale. */
async function render() {
  clearInterval(refreshTimer);
  const token = ++renderCount;
  const path = location.pathname.slice(BASE.length) || '/';
  const root = document.getElementById('app');
  if (!api.currentSession() && path !== '/sign-in') {
    navigate('/sign-in', true);
    return;
  }
  const route = match(path);
  const main = h('main', { id: 'main', tabindex: -1 });
  root.replaceChildren(...(path === '/sign-in' ? [] : [header()]), main);
  if (!route) {
    main.append(h('h1', {}, 'Not found'), h('p', {}, 'No page here. '), link(`${BASE}/`, 'Back to the overview'));
    return;
  }
  const page = await import(route.module);
  if (token !== renderCount) return;
  let refresher = null;
  const context = {
    params: route.params,
    main,
    navigate,
    base: BASE,
    /** The page's refresh function, called every few seconds (setting in the header). */
    onRefresh: (fn) => {
      refresher = fn;
    },
    isCurrent: () => token === renderCount,
  };
  try {
    await page.render(context);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert' }, e.reason || e.message));
  }
  if (refresher && refreshSeconds() > 0 && token === renderCount) {
    refreshTimer = setInterval(() => {
      if (!document.hidden && !document.querySelector('dialog[open]')) refresher().catch((e) => toast(e.reason || e.message, 'error'));
    }, refreshSeconds() * 1000);
  }
  main.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-link]');
  if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href').slice(BASE.length) || '/');
});
window.addEventListener('popstate', render);
api.onSignedOut(() => navigate('/sign-in', true));
applyTheme();
api.resumeSession();
render();
