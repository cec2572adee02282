// API errors in words a scientist understands. The catalog's messages already name what is wrong (a field,
// a unit, a value); this adds what it means and what to do, by the error's stable code.
import type { CombinedError } from 'urql';

const BY_CODE: Record<string, (message: string) => string> = {
  BAD_USER_INPUT: (m) => `That search or value could not be used: ${m}`,
  VALIDATION_FAILED: (m) => `The catalog refused the change: ${m}`,
  INVALID_ID: (m) => `That identifier is not valid: ${m}`,
  NOT_FOUND: () => 'Nothing was found here: the record does not exist, or you may not see it. Signing in may show it.',
  FORBIDDEN: () => 'You may not do this with your current account.',
  UNAUTHENTICATED: () => 'Your sign-in is no longer valid. Sign in again to continue.',
  SERVICE_UNAVAILABLE: () => 'Search is unavailable right now (the search index cannot be reached). Try again in a minute; nothing was lost.',
  PAGE_TOO_LARGE: (m) => `Too many results asked for at once: ${m}`,
  CONFLICT: (m) => `Someone else changed this at the same time: ${m}`,
  INVALID_TRANSITION: (m) => `This step is not possible now: ${m}`,
  DOI_REJECTED: (m) => `DataCite refused the request: ${m}`,
  QUERY_TOO_COMPLEX: () => 'That page asks for too much at once for a visitor. Signing in, or narrowing the search, helps.',
  QUERY_TOO_DEEP: () => 'That page asks for too much at once. Narrow the search.',
};

/** One readable sentence per problem of a failed request. */
export function describeError(error: CombinedError | Error | undefined | null): string[] {
  if (!error) return [];
  if ('networkError' in error && error.networkError) return ['The catalog cannot be reached. Check your connection and try again.'];
  if ('graphQLErrors' in error && error.graphQLErrors.length) {
    return error.graphQLErrors.map((g) => {
      const code = String(g.extensions?.code ?? '');
      // the search text's own syntax (brackets, quotes, AND/OR/NOT) did not parse
      if (code === 'BAD_USER_INPUT' && /Cannot parse|Encountered/.test(g.message)) return 'The search text could not be read: check its quotes and brackets, and that AND, OR and NOT stand between words.';
      const own = Object.prototype.hasOwnProperty.call(BY_CODE, code) ? BY_CODE[code] : (m: string) => `Something went wrong: ${m}`;
      return own(g.message.replace(/ \(metadataKeys lists them\)/, ''));
    });
  }
  // the portal's own messages are already in words
  return [error.message.charAt(0).toUpperCase() + error.message.slice(1)];
}
