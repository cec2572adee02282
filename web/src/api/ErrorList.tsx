// Shows a failed request's problems in words (see errors.ts); nothing fails silently.
import { Alert } from '@mantine/core';
import type { CombinedError } from 'urql';
import { describeError } from './errors';

/** A red alert listing each problem, or nothing when there is none. */
export function ErrorList({ error, title = 'Something went wrong' }: { error?: CombinedError | Error | null; title?: string }) {
  const lines = describeError(error);
  if (!lines.length) return null;
  return (
    <Alert color="red" title={title} role="alert" mb="sm">
      {lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
    </Alert>
  );
}

/** Bytes in words: 1.2 GB. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'unknown';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
}

/** A path segment as the id it encodes; a segment that is not valid percent-encoding stays as typed (and is found nowhere). */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A path segment for a record id that may hold slashes (a pid, a DOI). */
export const enc = (id: string) => encodeURIComponent(id);
