// Payload and header decoding for the message browser, and encoding for sending.

export function fromBase64(text) {
  return Uint8Array.from(atob(text || ''), (c) => c.charCodeAt(0));
}

export function toBase64(bytes) {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

export const utf8 = (bytes) => new TextDecoder().decode(bytes);
export const utf8Bytes = (text) => new TextEncoder().encode(text);
export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** Payload decoders by name; each returns text or throws when the bytes are not of that kind. */
export const DECODERS = {
  string: (bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
  json: (bytes) => JSON.stringify(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), null, 2),
  xml: (bytes) => {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const parsed = new DOMParser().parseFromString(text, 'application/xml');
    if (parsed.getElementsByTagName('parsererror').length > 0) throw new Error('not well-formed XML');
    return text;
  },
  hex,
};

/** The best decoder for a payload: JSON, else XML, else string, else hex. */
export function guessDecoder(bytes) {
  for (const name of ['json', 'xml', 'string']) {
    try {
      DECODERS[name](bytes);
      return name;
    } catch {
      // Try the next one.
    }
  }
  return 'hex';
}

/** Bytes of `text` as a header value of `kind` (little-endian), for sending. */
export function encodeHeaderValue(kind, text) {
  const writers = {
    string: () => utf8Bytes(text),
    bool: () => {
      if (text !== 'true' && text !== 'false') throw new Error(`bool header: "${text}" (expected true or false)`);
      return Uint8Array.of(text === 'true' ? 1 : 0);
    },
    int32: (view) => view.setInt32(0, inRange(checkedInteger(text), -(2 ** 31), 2 ** 31 - 1), true),
    uint32: (view) => view.setUint32(0, inRange(checkedInteger(text), 0, 2 ** 32 - 1), true),
    int64: (view) => view.setBigInt64(0, inRange(BigInt(text), -(2n ** 63n), 2n ** 63n - 1n), true),
    uint64: (view) => view.setBigUint64(0, inRange(BigInt(text), 0n, 2n ** 64n - 1n), true),
    float64: (view) => view.setFloat64(0, checkedNumber(text), true),
  };
  const sizes = { int32: 4, uint32: 4, int64: 8, uint64: 8, float64: 8 };
  if (!writers[kind]) throw new Error(`header kind "${kind}" (expected one of ${Object.keys(writers).join(', ')})`);
  if (!sizes[kind]) return writers[kind]();
  const bytes = new Uint8Array(sizes[kind]);
  try {
    writers[kind](new DataView(bytes.buffer));
  } catch {
    throw new Error(`${kind} header: "${text}" is not a valid ${kind}`);
  }
  return bytes;
}

export const HEADER_KINDS = ['string', 'bool', 'int32', 'uint32', 'int64', 'uint64', 'float64'];

/** DataView setters wrap out-of-range values silently; a header must carry what was typed. */
function inRange(value, min, max) {
  if (value < min || value > max) throw new Error('out of range');
  return value;
}

function checkedNumber(text) {
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`"${text}" is not a number`);
  return value;
}

function checkedInteger(text) {
  const value = checkedNumber(text);
  if (!Number.isInteger(value)) throw new Error(`"${text}" is not an integer`);
  return value;
}

/** One user header value ({kind, value: base64}) as text, read little-endian as the server stores it. */
export function headerValue({ kind, value }) {
  const bytes = fromBase64(value);
  const view = new DataView(bytes.buffer);
  const readers = {
    string: () => utf8(bytes),
    bool: () => String(bytes[0] !== 0),
    int8: () => view.getInt8(0),
    int16: () => view.getInt16(0, true),
    int32: () => view.getInt32(0, true),
    int64: () => view.getBigInt64(0, true),
    uint8: () => view.getUint8(0),
    uint16: () => view.getUint16(0, true),
    uint32: () => view.getUint32(0, true),
    uint64: () => view.getBigUint64(0, true),
    float32: () => view.getFloat32(0, true),
    float64: () => view.getFloat64(0, true),
  };
  try {
    return readers[kind] ? String(readers[kind]()) : hex(bytes);
  } catch {
    return hex(bytes);
  }
}
