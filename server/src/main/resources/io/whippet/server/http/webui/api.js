// Every call the UI makes to the HTTP API, and the signed-in session.
// Keep each call in the form  request + ('GET', `/path/${id(x)}`, ...): a method literal, then the
// path as one template literal. WebUiTest reads them from this file and checks that the server has
// every one of those routes.

const SESSION_KEY = 'whippet.session';
const REFRESH_BEFORE_EXPIRY_SECONDS = 60;
const U64_MAX = 18446744073709551615n;

/** An error answer of the API; `reason` is the server's own message. */
export class ApiError extends Error {
  constructor(status, body) {
    const reason = body && typeof body === 'object' && body.reason ? body.reason : String(body || `HTTP ${status}`);
    super(reason);
    this.status = status;
    this.reason = reason;
    this.code = body && typeof body === 'object' ? body.code : undefined;
  }
}

let session = readSession();
let refreshTimer = 0;
const signedOutListeners = [];

function readSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return stored && stored.token && stored.expiry * 1000 > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function keepSession(identity, username) {
  session = { token: identity.access_token.token, expiry: Number(identity.access_token.expiry), userId: identity.user_id, username };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  scheduleRefresh();
}

function dropSession() {
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  clearTimeout(refreshTimer);
  signedOutListeners.forEach((listener) => listener());
}

/** A token is refreshed a minute before it expires (the server lets each be refreshed once). */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  if (!session) return;
  const delayMs = Math.max(1000, (session.expiry - REFRESH_BEFORE_EXPIRY_SECONDS) * 1000 - Date.now());
  refreshTimer = setTimeout(async () => {
    try {
      const identity = await request('POST', `/users/refresh-token`, { token: session.token }, false);
      keepSession(identity, session.username);
    } catch {
      dropSession();
    }
  }, delayMs);
}

export function currentSession() {
  return session;
}

export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export function resumeSession() {
  if (session) scheduleRefresh();
  return session !== null;
}

/**
 * Parses JSON keeping integers beyond 2^53 (u64 sizes, u128 message ids) exact: they become
 * strings of digits instead of rounded numbers.
 */
export function parseJson(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const number = text.slice(i, j);
      out += /^\d{16,}$/.test(number) && !Number.isSafeInteger(Number(number)) ? `"${number}"` : number;
      i = j - 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out);
}

/** JSON text in which BigInt values are written as plain integers (u64 fields). */
function toJson(body) {
  return JSON.stringify(body, (key, value) => (typeof value === 'bigint' ? `\u0000${value}` : value)).replace(
    /"\\u0000(\d+)"/g,
    '$1',
  );
}

/** Answers the parsed JSON, the text, or with `binary` a Blob and its file name. */
async function request(method, path, body, authenticated = true, binary = false) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (authenticated && session) headers.Authorization = `Bearer ${session.token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : toJson(body) });
  if (binary && response.ok) {
    const disposition = response.headers.get('content-disposition') || '';
    return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] || 'download' };
  }
  const text = await response.text();
  const isJson = (response.headers.get('content-type') || '').includes('application/json');
  const payload = isJson && text ? parseJson(text) : text;
  if (!response.ok) {
    if (response.status === 401 && authenticated) dropSession();
    throw new ApiError(response.status, payload);
  }
  return payload;
}

const id = (value) => encodeURIComponent(String(value));

export const never = U64_MAX;

export async function signIn(username, password) {
  const identity = await request('POST', `/users/login`, { username, password, version: 'whippet-web-ui', context: 'Whippet web UI' }, false);
  keepSession(identity, username);
}

/** Signs in with a personal access token; the API names the user only by id. */
export async function signInWithToken(token) {
  const identity = await request('POST', `/personal-access-tokens/login`, { token }, false);
  keepSession(identity, `user ${identity.user_id}`);
}

export async function signOut() {
  try {
    await request('DELETE', `/users/logout`);
  } finally {
    dropSession();
  }
}

export const stats = () => request('GET', `/stats`);
/** A zip of the server's state: {blob, fileName}. */
export const snapshot = () => request('POST', `/snapshot`, { compression: 'Deflated', snapshot_types: ['All'] }, true, true);
export const clients = () => request('GET', `/clients`);
export const client = (clientId) => request('GET', `/clients/${id(clientId)}`);

export const streams = () => request('GET', `/streams`);
export const stream = (streamId) => request('GET', `/streams/${id(streamId)}`);
export const createStream = (name) => request('POST', `/streams`, { name });
export const renameStream = (streamId, name) => request('PUT', `/streams/${id(streamId)}`, { name });
export const deleteStream = (streamId) => request('DELETE', `/streams/${id(streamId)}`);
export const purgeStream = (streamId) => request('DELETE', `/streams/${id(streamId)}/purge`);

export const topics = (streamId) => request('GET', `/streams/${id(streamId)}/topics`);
export const topic = (streamId, topicId) => request('GET', `/streams/${id(streamId)}/topics/${id(topicId)}`);
/** settings: name, compression_algorithm, message_expiry (µs, BigInt allowed), max_topic_size. */
export const createTopic = (streamId, partitionsCount, settings) =>
  request('POST', `/streams/${id(streamId)}/topics`, { ...settings, partitions_count: partitionsCount, replication_factor: null });
export const updateTopic = (streamId, topicId, settings) =>
  request('PUT', `/streams/${id(streamId)}/topics/${id(topicId)}`, { ...settings, replication_factor: null });
export const deleteTopic = (streamId, topicId) => request('DELETE', `/streams/${id(streamId)}/topics/${id(topicId)}`);
export const purgeTopic = (streamId, topicId) => request('DELETE', `/streams/${id(streamId)}/topics/${id(topicId)}/purge`);

export const addPartitions = (streamId, topicId, count) =>
  request('POST', `/streams/${id(streamId)}/topics/${id(topicId)}/partitions`, { partitions_count: count });
export const deletePartitions = (streamId, topicId, count) =>
  request('DELETE', `/streams/${id(streamId)}/topics/${id(topicId)}/partitions?partitions_count=${count}`);

/** kind: offset | timestamp | first | last | next; never commits an offset. */
export const pollMessages = (streamId, topicId, partitionId, kind, value, count) =>
  request(
    'GET',
    `/streams/${id(streamId)}/topics/${id(topicId)}/messages?partition_id=${partitionId}&kind=${kind}&value=${value}&count=${count}&auto_commit=false`,
  );
/** partitioning: {kind, value (base64)}; messages: [{id, payload (base64), user_headers}]. */
export const sendMessages = (streamId, topicId, partitioning, messages) =>
  request('POST', `/streams/${id(streamId)}/topics/${id(topicId)}/messages`, { partitioning, messages });

export const groups = (streamId, topicId) => request('GET', `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-groups`);
export const group = (streamId, topicId, groupId) =>
  request('GET', `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-groups/${id(groupId)}`);
export const createGroup = (streamId, topicId, name) =>
  request('POST', `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-groups`, { name });
export const deleteGroup = (streamId, topicId, groupId) =>
  request('DELETE', `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-groups/${id(groupId)}`);

export const consumerOffset = (streamId, topicId, consumerId, partitionId) =>
  request(
    'GET',
    `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-offsets?consumer_id=${id(consumerId)}&partition_id=${partitionId}`,
  );
export const storeConsumerOffset = (streamId, topicId, consumerId, partitionId, offset) =>
  request('PUT', `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-offsets`, {
    consumer_id: String(consumerId),
    partition_id: partitionId,
    offset,
  });
export const deleteConsumerOffset = (streamId, topicId, consumerId, partitionId) =>
  request(
    'DELETE',
    `/streams/${id(streamId)}/topics/${id(topicId)}/consumer-offsets/${id(consumerId)}?partition_id=${partitionId}`,
  );

export const users = () => request('GET', `/users`);
export const user = (userId) => request('GET', `/users/${id(userId)}`);
export const createUser = (username, password, status, permissions) =>
  request('POST', `/users`, { username, password, status, permissions });
export const updateUser = (userId, username, status) => request('PUT', `/users/${id(userId)}`, { username, status });
export const updatePermissions = (userId, permissions) =>
  request('PUT', `/users/${id(userId)}/permissions`, { permissions });
export const changePassword = (userId, currentPassword, newPassword) =>
  request('PUT', `/users/${id(userId)}/password`, { current_password: currentPassword, new_password: newPassword });
export const deleteUser = (userId) => request('DELETE', `/users/${id(userId)}`);

export const tokens = () => request('GET', `/personal-access-tokens`);
/** expiryMicros: 0 = never. Answers {token}: the raw token, shown once. */
export const createToken = (name, expiryMicros) => request('POST', `/personal-access-tokens`, { name, expiry: expiryMicros });
export const deleteToken = (name) => request('DELETE', `/personal-access-tokens/${id(name)}`);
