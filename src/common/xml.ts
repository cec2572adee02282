// A few lines of XML writing: escaping and an element helper. Output is built as strings and streamed,
// so large OAI-PMH lists never hold a DOM in memory.

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 does not allow at all; metadata from beamlines sometimes carries them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * `v` as text for XML 1.0 content or attribute values: the five markup characters become entities and
 * characters XML 1.0 does not allow at all (most C0 controls, U+FFFE, U+FFFF) are dropped.
 */
export function esc(v: unknown): string {
  return String(v).replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

export type Attrs = Record<string, string | number | undefined | null>;

function attrs(a: Attrs = {}): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
}

/** An element with text content (escaped), or empty when text is undefined and there are no children. */
export function el(name: string, a: Attrs | undefined, text?: unknown): string {
  if (text === undefined || text === null) return `<${name}${attrs(a)}/>`;
  return `<${name}${attrs(a)}>${esc(text)}</${name}>`;
}

/** An element wrapping already-rendered children; omitted when there are none and `keepEmpty` is false. */
export function wrap(name: string, a: Attrs | undefined, children: string[], keepEmpty = false): string {
  if (!children.length && !keepEmpty) return '';
  return `<${name}${attrs(a)}>${children.join('')}</${name}>`;
}
