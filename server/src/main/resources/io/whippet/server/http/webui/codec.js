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
