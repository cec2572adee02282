// The DOI workflow: draft → (steward approves) → registered → findable, with DataCite's rules.
//
// Consistency with an external registry that can fail at any point:
// - the DOI is fixed before the first DataCite call (assigned from the publication id, stored), and
//   every DataCite write is a PUT to that DOI, so a retry can only update it, never mint another;
// - the target state is recorded as `pending` before the call and cleared after; a failure leaves the
//   publication in its previous status with `pending.error` saying why, and repeating the step
//   completes it (DataCite accepts the same event again);
// - datasets are made public after DataCite accepted the state and before the publication records it,
//   so a retry also finishes a half-done dataset update.
import { createHash } from 'node:crypto';
import type { Identity } from '../auth';
import { assertCurator, systemIdentity } from '../auth';
import { CatalogError, errors } from '../common/errors';
import type { CatalogServices } from '../catalog';
import type { StoredRecord } from '../catalog/common/record.types';
import { DataCiteClient, type DoiEvent } from './datacite.client';
import { DATACITE_DATASET_FIELDS, missingFor, toDataCite, type DataCiteAttributes, type DoiState } from './datacite.metadata';

export interface DoiSettings {
  client?: DataCiteClient;
  /** Where landing pages live: `${publicUrl}/pid/<id>`. */
  publicUrl: string;
}

export class DoiWorkflow {
  constructor(private readonly services: CatalogServices, private readonly s: DoiSettings) {}

  /** The landing page URL of a DOI or pid on this catalog: `<publicUrl>/pid/<id>`. */
  landingUrl(id: string): string {
    return `${this.s.publicUrl}/pid/${id}`;
  }

  /**
   * The DataCite attributes a publication has now (also used by landing pages, JSON-LD and OAI), from all its datasets read by key;
   * or from `summaries` of them (at least DATACITE_DATASET_FIELDS), which a page has read already.
   */
  async attributes(pub: StoredRecord, summaries?: StoredRecord[]): Promise<DataCiteAttributes> {
    const sys = systemIdentity('doi-workflow');
    const datasets = summaries ?? (await this.services.datasets.findByIds(sys, pub.datasetPids ?? [], { scientificMetadata: 0 }));
    const instrumentIds = [...new Set(datasets.map((d) => d.instrumentId).filter((x): x is string => typeof x === 'string'))];
    const instruments = new Map((instrumentIds.length ? await this.services.instruments.findByIds(sys, instrumentIds) : []).map((i) => [i._id, i]));
    return toDataCite({ ...pub, doi: pub.doi ?? pub._id }, { datasets, instruments, landingUrl: (id) => this.landingUrl(id) });
  }

  /**
   * As attributes(), for what pages and harvesters read (OAI-PMH): the datasets' DataCite fields come from the index in one request,
   * which may be a second behind a write; registration with DataCite reads them by key.
   */
  async shownAttributes(pub: StoredRecord): Promise<DataCiteAttributes> {
    return this.attributes(pub, await this.services.datasets.summaries(systemIdentity('doi-pages'), pub.datasetPids ?? [], DATACITE_DATASET_FIELDS));
  }

  /** A steward approves a draft: its metadata is complete, its DOI is fixed and reserved at DataCite as a draft. */
  async approve(identity: Identity, id: string): Promise<StoredRecord> {
    this.assertSteward(identity, 'approve');
    const pub = await this.load(identity, id);
    if (pub.status !== 'draft') throw errors.invalidTransition(`Publication ${id} is already ${pub.status}; only a draft is approved`, { id, status: pub.status });
    await this.assertComplete(pub, 'registered');
    const client = this.client();
    const doi = pub.doi ?? this.assignDoi(pub._id, client.prefix);
    if (!doi.startsWith(`${client.prefix}/`)) {
      throw errors.validation('Publication', [{ path: '/doi', message: `${doi} is not under this repository's DataCite prefix ${client.prefix}` }]);
    }
    const current = pub.doi ? pub : await this.services.publications.workflowUpdate(identity, pub._id, { doi });
    // PUT creates the draft, or updates the one an earlier, interrupted approval created
    await this.callDataCite(identity, current, 'draft', (attrs) => client.put(doi, attrs).then(() => undefined));
    return this.services.publications.workflowUpdate(identity, pub._id, { approvedBy: identity.subject, approvedAt: new Date().toISOString(), pending: null });
  }

  /** registered: the DOI resolves but is not in DataCite's search. */
  register(identity: Identity, id: string): Promise<StoredRecord> {
    return this.transition(identity, id, 'register');
  }

  /** findable: registered and indexed by DataCite; the datasets become public. */
  publish(identity: Identity, id: string): Promise<StoredRecord> {
    return this.transition(identity, id, 'publish');
  }

  /** findable → registered (DataCite's hide). The DOI keeps resolving; there is no way back to draft. */
  hide(identity: Identity, id: string): Promise<StoredRecord> {
    return this.transition(identity, id, 'hide');
  }

  private async transition(identity: Identity, id: string, event: DoiEvent): Promise<StoredRecord> {
    this.assertSteward(identity, event);
    const pub = await this.load(identity, id);
    const target: DoiState = event === 'publish' ? 'findable' : 'registered';
    const from = pub.status as DoiState;
    const allowed = event === 'hide' ? from === 'findable' : event === 'register' ? from === 'draft' || from === 'registered' : true;
    if (!allowed) {
      const why = event === 'hide' ? 'only a findable DOI can be hidden' : 'a findable DOI cannot go back to registered except by hide';
      throw errors.invalidTransition(`Publication ${id} is ${from}: cannot ${event} (${why})`, { id, from, event });
    }
    if (from === target && !pub.pending) return pub;
    if (from === 'draft' && !pub.approvedBy) throw errors.invalidTransition(`Publication ${id} is a draft that no steward has approved; approve it first`, { id, from, event });
    await this.assertComplete(pub, target);
    const client = this.client();
    const doi = pub.doi as string;
    const done = await this.callDataCite(identity, pub, target, (attrs) => client.put(doi, attrs, event).then(() => undefined));
    // a registered DOI resolves too, so its datasets must be readable by anyone following it
    await this.publishDatasets(identity, done);
    const now = new Date().toISOString();
    return this.services.publications.workflowUpdate(identity, pub._id, {
      status: target,
      pending: null,
      isPublished: true,
      landingPage: this.landingUrl(doi),
      ...(!done.registeredAt && { registeredAt: now }),
      ...(target === 'findable' && !done.publishedAt && { publishedAt: now }),
    });
  }

  /** Records the target, calls DataCite, and keeps the reason on the publication if the call fails. */
  private async callDataCite(identity: Identity, pub: StoredRecord, target: DoiState, call: (attrs: DataCiteAttributes) => Promise<void>): Promise<StoredRecord> {
    const marked = await this.services.publications.workflowUpdate(identity, pub._id, { pending: { target, since: new Date().toISOString() } });
    const attrs = await this.attributes(marked);
    try {
      await call(attrs);
    } catch (e) {
      const message = e instanceof CatalogError ? e.message : (e as Error).message;
      await this.services.publications.workflowUpdate(identity, pub._id, { pending: { target, since: new Date().toISOString(), error: message } }).catch(() => undefined);
      throw e;
    }
    return marked;
  }

  private async publishDatasets(identity: Identity, pub: StoredRecord): Promise<void> {
    const sys = systemIdentity(identity.subject);
    for (const pid of pub.datasetPids as string[]) {
      const d = await this.services.datasets.get(sys, pid);
      if (d && !d.isPublished) await this.services.datasets.update(sys, pid, { isPublished: true });
    }
  }

  private async assertComplete(pub: StoredRecord, state: DoiState): Promise<void> {
    const problems = missingFor(pub, state);
    const sys = systemIdentity('doi-workflow');
    const found = new Set((await this.services.datasets.findByIds(sys, pub.datasetPids ?? [], { _id: 1 })).map((d) => d._id));
    (pub.datasetPids ?? []).forEach((pid: string, i: number) => {
      if (!found.has(pid)) problems.push({ path: `/datasetPids/${i}`, message: `dataset ${pid} does not exist` });
    });
    if (problems.length) throw errors.validation('Publication', problems);
  }

  private async load(identity: Identity, id: string): Promise<StoredRecord> {
    const pub = await this.services.publications.byDoiOrId(identity, id);
    if (!pub) throw errors.notFound('Publication', id);
    return pub;
  }

  private client(): DataCiteClient {
    if (!this.s.client) throw errors.unavailable('DOI registration', 'DATACITE_URL is not configured on this server');
    return this.s.client;
  }

  private assertSteward(identity: Identity, action: string): void {
    assertCurator(identity, `${action} a publication`);
  }

  /** The DOI a publication gets under the prefix: derived from its id, so every retry picks the same one. */
  assignDoi(id: string, prefix: string): string {
    const h = createHash('sha256').update(id).digest('hex').slice(0, 10);
    return `${prefix}/cat.${h.slice(0, 5)}-${h.slice(5)}`;
  }
}
