// Error factories with stable codes. Services throw CatalogError; the server maps it to GraphQL
// (extensions.code) and the CLI prints it. Anything that is not a CatalogError is masked for clients.

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_ID: 'INVALID_ID',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  PAGE_TOO_LARGE: 'PAGE_TOO_LARGE',
  INVALID_CURSOR: 'INVALID_CURSOR',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The DOI registration agency refused a request; details.datacite holds its errors. */
  DOI_REJECTED: 'DOI_REJECTED',
  /** A state change that the DOI workflow (DataCite's rules) does not allow. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with an input, located by a JSON pointer into what the caller sent. */
export interface Problem {
  path: string;
  message: string;
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
};

export class CatalogError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CatalogError';
  }
  /** The HTTP status of a GraphQL response that carries this error: 401 for UNAUTHENTICATED; undefined keeps the server's default. */
  get httpStatus(): number | undefined {
    return HTTP_STATUS[this.code];
  }
}

/** A caller's value as an error message echoes it: at most 80 characters. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s;
}

export const errors = {
  badInput: (message: string, details: Record<string, unknown> = {}) => new CatalogError(ErrorCode.BAD_USER_INPUT, message, details),
  invalidId: (entity: string, id: unknown, rule: string) =>
    new CatalogError(ErrorCode.INVALID_ID, `${entity} id ${JSON.stringify(typeof id === 'string' ? clip(id) : id)} is malformed: ${rule}`, { entity, id: typeof id === 'string' ? clip(id) : id }),
  validation: (entity: string, problems: Problem[]) =>
    new CatalogError(
      ErrorCode.VALIDATION_FAILED,
      `${entity} is invalid: ${problems
        .slice(0, 5)
        .map((p) => `${p.path || '/'} ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      { entity, problems },
    ),
  notFound: (entity: string, id: string) => new CatalogError(ErrorCode.NOT_FOUND, `${entity} ${JSON.stringify(id)} not found`, { entity, id }),
  forbidden: (message: string) => new CatalogError(ErrorCode.FORBIDDEN, message),
  unauthenticated: (message: string) => new CatalogError(ErrorCode.UNAUTHENTICATED, message),
  conflict: (message: string, details: Record<string, unknown> = {}) => new CatalogError(ErrorCode.CONFLICT, message, details),
  pageTooLarge: (requested: number, max: number, field = 'first') =>
    new CatalogError(ErrorCode.PAGE_TOO_LARGE, `${field} ${requested} is larger than the maximum ${max}`, { field, requested, max }),
  invalidCursor: (cursor: string) => new CatalogError(ErrorCode.INVALID_CURSOR, `cursor ${JSON.stringify(clip(String(cursor)))} is not one this API issued`),
  invalidTransition: (message: string, details: Record<string, unknown> = {}) => new CatalogError(ErrorCode.INVALID_TRANSITION, message, details),
  unavailable: (what: string, cause?: string) =>
    new CatalogError(ErrorCode.SERVICE_UNAVAILABLE, `${what} is unavailable${cause ? `: ${cause}` : ''}`),
};
