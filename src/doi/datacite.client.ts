// DataCite REST API client (JSON:API over HTTPS with Basic auth). Only the calls the workflow needs:
// read a DOI, and create-or-update one with an optional state event. Every write names its DOI in the
// URL (PUT /dois/{doi}), so a retried request updates the DOI the first attempt created and can never
// mint a second one.
import type { DataCiteSettings } from '../config';
import { CatalogError, ErrorCode, errors } from '../common/errors';
import { logger } from '../common/logger';
import type { DataCiteAttributes, DoiState } from './datacite.metadata';

export type DoiEvent = 'publish' | 'register' | 'hide';

export interface DataCiteDoi {
  doi: string;
  state: DoiState;
  attributes: Record<string, any>;
}

interface DataCiteErrorBody { errors?: { status?: string; source?: string; title?: string; uid?: string }[] }

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export class DataCiteClient {
  private readonly auth: string;

  constructor(private readonly s: DataCiteSettings) {
    this.auth = 'Basic ' + Buffer.from(`${s.user}:${s.password}`).toString('base64');
  }

  /** The DOI prefix the repository account mints under, e.g. "10.12345". */
  get prefix(): string {
    return this.s.prefix;
  }

  /** The DOI as DataCite holds it (any state, since we authenticate), or null if DataCite does not know it. */
  async get(doi: string): Promise<DataCiteDoi | null> {
    const res = await this.call('GET', `/dois/${encodeURIComponent(doi)}`);
    if (res.status === 404) return null;
    return this.parse(doi, res);
  }

  /** Creates or updates the DOI with these attributes and optional event (PUT creates when absent). */
  async put(doi: string, attributes: Partial<DataCiteAttributes>, event?: DoiEvent): Promise<DataCiteDoi> {
    const body = JSON.stringify({ data: { id: doi, type: 'dois', attributes: { ...attributes, doi, ...(event && { event }) } } });
    const res = await this.call('PUT', `/dois/${encodeURIComponent(doi)}`, body);
    return this.parse(doi, res);
  }

  private async parse(doi: string, res: { status: number; body: string }): Promise<DataCiteDoi> {
    let json: any;
    try {
      json = JSON.parse(res.body);
    } catch {
      throw errors.unavailable('DataCite', `answered ${res.status} with a body that is not JSON`);
    }
    if (res.status >= 200 && res.status < 300) {
      const a = json?.data?.attributes ?? {};
      return { doi: String(a.doi ?? doi).toLowerCase(), state: a.state, attributes: a };
    }
    const list = (json as DataCiteErrorBody).errors ?? [];
    const text = list.map((e) => `${e.source ? `${e.source}: ` : ''}${e.title}`).join('; ') || `HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) {
      throw new CatalogError(ErrorCode.DOI_REJECTED, `DataCite refused the repository credentials or prefix for ${doi}: ${text}`, { doi, status: res.status, datacite: list });
    }
    throw new CatalogError(ErrorCode.DOI_REJECTED, `DataCite refused ${doi}: ${text}`, { doi, status: res.status, datacite: list });
  }

  /** One request with a timeout; network errors, timeouts and 5xx are retried with backoff, then reported as unavailable. */
  private async call(method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
    let last = '';
    for (let attempt = 0; attempt <= this.s.retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** (attempt - 1), 5000)));
      try {
        const res = await fetch(this.s.url + path, {
          method,
          headers: { authorization: this.auth, accept: 'application/vnd.api+json', ...(body && { 'content-type': 'application/vnd.api+json' }) },
          body,
          signal: AbortSignal.timeout(this.s.timeoutMs),
        });
        const text = await res.text();
        if (!RETRYABLE.has(res.status)) return { status: res.status, body: text };
        last = `HTTP ${res.status}`;
      } catch (e) {
        const err = e as Error;
        last = err.name === 'TimeoutError' ? `no answer within ${this.s.timeoutMs} ms` : `${err.message}${(err as any).cause ? ` (${(err as any).cause.code ?? (err as any).cause.message})` : ''}`;
      }
      logger.warn({ method, path, attempt, problem: last }, 'DataCite call failed');
    }
    throw errors.unavailable(`DataCite at ${this.s.url}`, `${last} after ${this.s.retries + 1} attempt(s); the publication is unchanged, retry the same step`);
  }
}
