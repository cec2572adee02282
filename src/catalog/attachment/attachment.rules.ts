// What an attachment may hold: a thumbnail that is an image the catalog can show as it is (a data: URI
// of a web image type, base64, bounded), and exactly one parent. Pure checks, shared by the service and
// by the landing pages that render thumbnails.
import { errors, type CatalogError } from '../../common/errors';

/** The records an attachment can hang off, and the field of the attachment that holds each one's id. */
export const PARENT_FIELDS = { dataset: 'datasetId', sample: 'sampleId', proposal: 'proposalId' } as const;
export type AttachmentParent = keyof typeof PARENT_FIELDS;
/** The parent kinds, in the order messages name them. */
export const PARENTS = Object.keys(PARENT_FIELDS) as AttachmentParent[];

/** The image types a thumbnail may have: those every browser shows inline. */
export const THUMBNAIL_TYPES = ['png', 'jpeg', 'gif', 'webp'] as const;
/** The largest image a thumbnail holds, decoded (4 MiB; its base64 text is a third longer). */
export const MAX_THUMBNAIL_BYTES = 4 * 1024 * 1024;

const PREFIX = new RegExp(`^data:image/(${THUMBNAIL_TYPES.join('|')});base64,`);
// with a length that is a multiple of four, this is padded base64 (a group pattern would overflow the regex stack on megabytes)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** What a refusal says is accepted. */
const ACCEPTED = `a data: URI of a ${THUMBNAIL_TYPES.map((t) => t.toUpperCase()).join(', ')} image in base64 (data:image/png;base64,…), at most ${MAX_THUMBNAIL_BYTES / 1024 / 1024} MiB decoded`;

/** Bytes of the image that base64 text `b64` (well-formed, padded) holds. */
function decodedLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - pad;
}

/** Why `v`, which does not start as a thumbnail does, is refused: not a data: URI, another media type, or not base64. */
function notDataUri(v: string): string {
  if (!v.startsWith('data:')) return 'is not a data: URI';
  const head = v.slice(5, 200);
  const end = head.search(/[;,]/);
  const type = end < 0 ? head : head.slice(0, end);
  if (!THUMBNAIL_TYPES.some((t) => type === `image/${t}`)) return `has the media type ${JSON.stringify(type || '(none)')}`;
  return 'is not base64-encoded (no ;base64, after the media type)';
}

/** Why `v` is not a thumbnail the catalog keeps (see ACCEPTED), or null when it is one. */
export function thumbnailProblem(v: unknown): string | null {
  if (v === undefined || v === null) return 'is missing';
  if (typeof v !== 'string') return 'is not text';
  const m = PREFIX.exec(v.slice(0, 40));
  if (!m) return notDataUri(v);
  const b64 = v.slice(m[0].length);
  // the length first: a bound on the text tells an oversized image without reading it
  if (b64.length > Math.ceil(MAX_THUMBNAIL_BYTES / 3) * 4) return `holds more than ${MAX_THUMBNAIL_BYTES} bytes`;
  if (!b64.length) return 'holds no image (nothing after base64,)';
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) return 'is not valid base64 after base64, (letters, digits, + and / in groups of four, = only as padding, no white space)';
  if (decodedLength(b64) > MAX_THUMBNAIL_BYTES) return `holds more than ${MAX_THUMBNAIL_BYTES} bytes`;
  return null;
}

/** True when `v` is a thumbnail the catalog keeps, so a page may put it in an <img> as it is. */
export function isThumbnail(v: unknown): v is string {
  return thumbnailProblem(v) === null;
}

/** BAD_USER_INPUT naming `thumbnail` (of the item at `at` in a bulk request) and what is accepted, or null for a good one. */
export function thumbnailError(v: unknown, at = ''): CatalogError | null {
  const why = thumbnailProblem(v);
  return why ? errors.badInput(`${at ? `${at}/` : ''}thumbnail ${why}: give ${ACCEPTED}`, { field: 'thumbnail', path: `${at}/thumbnail`, accepted: ACCEPTED }) : null;
}

/** The parent an attachment input names (exactly one of datasetId, sampleId, proposalId); raises BAD_USER_INPUT naming the fields otherwise. */
export function parentOf(input: Record<string, unknown>, at = ''): { kind: AttachmentParent; id: string } {
  const given = PARENTS.filter((p) => input[PARENT_FIELDS[p]] !== undefined && input[PARENT_FIELDS[p]] !== null);
  const fields = PARENTS.map((p) => PARENT_FIELDS[p]);
  if (given.length !== 1) {
    const got = given.length ? `got ${given.map((p) => PARENT_FIELDS[p]).join(' and ')}` : 'got none';
    throw errors.badInput(`${at ? `${at}: ` : ''}an attachment belongs to exactly one of ${fields.join(', ')}; ${got}`, { fields: given.length ? given.map((p) => PARENT_FIELDS[p]) : fields, path: at || '/' });
  }
  const kind = given[0];
  const id = input[PARENT_FIELDS[kind]];
  if (typeof id !== 'string') throw errors.badInput(`${PARENT_FIELDS[kind]} must be an id (text)`, { field: PARENT_FIELDS[kind] });
  return { kind, id };
}
