// OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html) at /oai: the repository, its verbs,
// the items it exposes and how lists page. Arguments, dates and resumption tokens are in oai.args.ts; the
// metadata formats in oai.metadata.ts.
import type { Request, Response } from 'express';
import type { Filter } from 'mongodb';
import type { CatalogServices } from '../catalog';
import type { DoiWorkflow } from '../doi';

type Services = CatalogServices & { doi: DoiWorkflow };
import type { StoredRecord } from '../catalog/common/record.types';
import { ANONYMOUS, systemIdentity } from '../auth';
import { el, wrap } from '../common/xml';
import { FORMATS, OaiError, VERBS, checkArgs, checkPrefix, collectArgs, decodeToken, encodeToken, parseDate, stamp, type Kind, type ListArgs, type Position, type Prefix, type Token } from './oai.args';
import { metadataOf } from './oai.metadata';

/** The repository's wiring: services read anonymously, its base URL (.../oai), names, and the list page size (items). */
export interface OaiDeps {
  services: Services;
  baseUrl: () => string;
  repositoryName: string;
  adminEmail: string;
  repositoryId: string;
  pageSize: number;
}

interface Item { kind: Kind; id: string; datestamp: Date; deleted: boolean; rec?: StoredRecord; sets: string[] }

const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const SETSPEC_RE = /^[A-Za-z0-9\-_.!~*'()]+$/;
const BY_DATESTAMP = { field: 'updatedAt', direction: 'ASC' } as const;
/** Sets are listed for harvesters whatever the instruments' own access fields say. */
const OAI_READER = systemIdentity('oai-pmh');
const DATASET_FIELDS = { _id: 1, datasetName: 1, description: 1, keywords: 1, owner: 1, creationTime: 1, techniques: 1, license: 1, type: 1, instrumentId: 1, updatedAt: 1, isPublished: 1, ownerGroup: 1, inputDatasets: 1, proposalIds: 1 };

/**
 * The OAI-PMH repository; one instance serves every request and keeps no state between them.
 *
 * Items: published datasets and findable publications (DOIs); deleted published datasets as
 * tombstones (deletedRecord "transient": kept in oai_deleted, which operators may prune). Formats:
 * oai_dc for every item, oai_datacite for items with a DOI. Sets: "datasets", "publications" and
 * "instrument:<uniqueName>". Lists are ordered by (datestamp, item key) and paged by resumption tokens
 * that carry the position (stateless: any replica continues any list). Each page is streamed as it is
 * read, so memory depends on the page size, not on the list.
 */
export class OaiRepository {
  constructor(private readonly d: OaiDeps) {}

  /** Every instrument, by pid (instruments are few; sets name them whatever their access fields). */
  private instruments(): Promise<StoredRecord[]> {
    return this.d.services.instruments.select(OAI_READER, {}, { field: '_id', direction: 'ASC' }, 10_000);
  }

  /** Instrument pid → set spec, read once per request. */
  private async instrumentSets(): Promise<Map<string, string>> {
    const all = await this.instruments();
    return new Map(all.filter((i) => typeof i.uniqueName === 'string' && SETSPEC_RE.test(i.uniqueName)).map((i) => [String(i._id), `instrument:${i.uniqueName}`]));
  }

  /**
   * Answers one OAI-PMH request (GET query or POST form) with an XML response; protocol errors are OAI-PMH
   * <error> responses. Other errors are thrown, as are errors once a list has started streaming.
   */
  async handle(req: Request, res: Response): Promise<void> {
    const args = collectArgs(req);
    const verb = args.get('verb');
    const started = { wrote: false };
    try {
      if (!verb || verb.length !== 1 || !(verb[0] in VERBS)) {
        throw new OaiError('badVerb', verb ? (verb.length > 1 ? 'the verb argument is repeated' : `${verb[0]} is not an OAI-PMH verb; use one of ${Object.keys(VERBS).join(', ')}`) : 'the verb argument is missing');
      }
      const v = verb[0];
      const a = checkArgs(v, args);
      const request = el('request', { verb: v, ...a }, this.d.baseUrl());
      switch (v) {
        case 'Identify':
          return this.send(res, request, await this.identify());
        case 'ListMetadataFormats':
          return this.send(res, request, await this.listMetadataFormats(a.identifier));
        case 'ListSets':
          if (a.resumptionToken) throw new OaiError('badResumptionToken', 'ListSets answers in one response; there is nothing to resume');
          return this.send(res, request, await this.listSets());
        case 'GetRecord':
          return this.send(res, request, await this.getRecord(a.identifier, a.metadataPrefix));
        default:
          return await this.list(res, request, v as 'ListIdentifiers' | 'ListRecords', a, started);
      }
    } catch (e) {
      if (!(e instanceof OaiError)) throw e;
      if (started.wrote) throw e;
      // badVerb and badArgument echo no arguments (the request was not understood)
      const echo = e.code === 'badVerb' || e.code === 'badArgument' ? {} : Object.fromEntries([...args].map(([k, vs]) => [k, vs[0]]));
      this.send(res, el('request', echo, this.d.baseUrl()), el('error', { code: e.code }, e.message));
    }
  }

  private send(res: Response, request: string, body: string): void {
    res.type('text/xml; charset=utf-8').send(`${this.open(request)}${body}</OAI-PMH>\n`);
  }

  private open(request: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">${el('responseDate', undefined, stamp(new Date()))}${request}`;
  }

  private async identify(): Promise<string> {
    const firsts = await Promise.all([
      this.d.services.datasets.select(ANONYMOUS, {}, BY_DATESTAMP, 1),
      this.d.services.publications.select(ANONYMOUS, { status: 'findable' }, BY_DATESTAMP, 1),
      this.d.services.datasets.tombstones({}, 1),
    ]);
    const dates = firsts.flat().map((d) => d.updatedAt as Date).filter(Boolean);
    const earliest = dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : new Date();
    return wrap('Identify', undefined, [
      el('repositoryName', undefined, this.d.repositoryName),
      el('baseURL', undefined, this.d.baseUrl()),
      el('protocolVersion', undefined, '2.0'),
      el('adminEmail', undefined, this.d.adminEmail),
      el('earliestDatestamp', undefined, stamp(earliest)),
      el('deletedRecord', undefined, 'transient'),
      el('granularity', undefined, 'YYYY-MM-DDThh:mm:ssZ'),
    ]);
  }

  private async listMetadataFormats(identifier?: string): Promise<string> {
    let prefixes = Object.keys(FORMATS) as Prefix[];
    if (identifier !== undefined) {
      const item = await this.item(identifier, new Map());
      prefixes = prefixes.filter((p) => this.disseminates(item, p));
      if (!prefixes.length) throw new OaiError('noMetadataFormats', `no metadata formats are available for ${identifier}`);
    }
    return wrap('ListMetadataFormats', undefined, prefixes.map((p) => wrap('metadataFormat', undefined, [el('metadataPrefix', undefined, p), el('schema', undefined, FORMATS[p].schema), el('metadataNamespace', undefined, FORMATS[p].namespace)])));
  }

  private async listSets(): Promise<string> {
    const instruments = await this.instruments();
    const sets = [
      { spec: 'datasets', name: 'Published datasets' },
      { spec: 'publications', name: 'Publications with DOIs' },
      ...instruments.filter((i) => SETSPEC_RE.test(i.uniqueName)).map((i) => ({ spec: `instrument:${i.uniqueName}`, name: `Datasets from ${i.name ?? i.uniqueName}` })),
    ];
    return wrap('ListSets', undefined, sets.map((s) => wrap('set', undefined, [el('setSpec', undefined, s.spec), el('setName', undefined, s.name)])));
  }

  private async getRecord(identifier: string, prefix: string): Promise<string> {
    checkPrefix(prefix);
    const item = await this.item(identifier, await this.instrumentSets());
    if (!this.disseminates(item, prefix as Prefix)) throw new OaiError('cannotDisseminateFormat', `${identifier} is not available as ${prefix}; use ListMetadataFormats with the identifier`);
    return wrap('GetRecord', undefined, [await this.record(item, prefix as Prefix)]);
  }

  private async list(res: Response, request: string, verb: 'ListIdentifiers' | 'ListRecords', a: Record<string, string>, started: { wrote: boolean }): Promise<void> {
    // an empty token is a token too (and not one this repository issued)
    const token = a.resumptionToken !== undefined ? decodeToken(a.resumptionToken) : undefined;
    const args: ListArgs = token ?? { metadataPrefix: a.metadataPrefix, set: a.set, from: a.from, until: a.until };
    checkPrefix(args.metadataPrefix);
    // a set the token names that does not exist (any more, or ever) is the token's fault
    const kinds = await this.kindsFor(args).catch((e) => {
      throw token && e instanceof OaiError && e.code === 'badArgument' ? new OaiError('badResumptionToken', `the resumptionToken names ${e.message.replace(/^there is no set /, 'set ').replace(/; ListSets lists them$/, '')}, which this repository does not have`) : e;
    });
    const items = await this.page(args, kinds, token?.pos, this.d.pageSize + 1, await this.instrumentSets());
    const more = items.length > this.d.pageSize;
    if (more) items.pop();
    if (!items.length) {
      if (token) throw new OaiError('badResumptionToken', 'the list this token continues has no more items');
      throw new OaiError('noRecordsMatch', 'no items match the combination of from, until, set and metadataPrefix');
    }
    started.wrote = true;
    res.type('text/xml; charset=utf-8');
    res.write(`${this.open(request)}<${verb}>`);
    for (const item of items) {
      res.write(verb === 'ListRecords' ? await this.record(item, args.metadataPrefix as Prefix) : this.header(item));
    }
    const cursor = token?.cursor ?? 0;
    if (more) {
      const last = items[items.length - 1];
      const next: Token = { ...args, pos: { t: last.datestamp.toISOString(), k: `${last.kind}:${last.id}` }, cursor: cursor + items.length };
      res.write(el('resumptionToken', { cursor }, encodeToken(next)));
    } else if (token) {
      res.write(el('resumptionToken', { cursor, completeListSize: cursor + items.length }, ''));
    }
    res.end(`</${verb}></OAI-PMH>\n`);
  }

  /** Which item kinds a set and format can hold. */
  private async kindsFor(args: ListArgs): Promise<{ kinds: Kind[]; instrumentId?: string }> {
    let kinds: Kind[] = args.metadataPrefix === 'oai_datacite' ? ['publication'] : ['dataset', 'publication'];
    let instrumentId: string | undefined;
    if (args.set !== undefined) {
      if (args.set === 'datasets') kinds = kinds.filter((k) => k === 'dataset');
      else if (args.set === 'publications') kinds = kinds.filter((k) => k === 'publication');
      else if (args.set.startsWith('instrument:')) {
        const inst = (await this.instruments()).find((i) => i.uniqueName === args.set!.slice('instrument:'.length));
        if (!inst) throw new OaiError('badArgument', `there is no set ${args.set}; ListSets lists them`);
        instrumentId = String(inst._id);
        kinds = kinds.filter((k) => k === 'dataset');
      } else throw new OaiError('badArgument', `there is no set ${args.set}; ListSets lists them`);
    }
    if (!kinds.length) throw new OaiError('noRecordsMatch', `set ${args.set} holds no items in ${args.metadataPrefix}`);
    return { kinds, instrumentId };
  }

  /** The next `limit` items after `pos`, merged from the sources in (datestamp, key) order. */
  private async page(args: ListArgs, scope: { kinds: Kind[]; instrumentId?: string }, pos: Position | undefined, limit: number, sets: Map<string, string>): Promise<Item[]> {
    const range: Record<string, Date> = {};
    if (args.from) range.$gte = parseDate('from', args.from, false).date;
    if (args.until) range.$lt = parseDate('until', args.until, true).date;
    const sources: Promise<Item[]>[] = [];
    for (const kind of scope.kinds) {
      // harvesting is anonymous: select applies the same access rule as any anonymous read
      const base: Filter<any> = kind === 'dataset' ? { ...(scope.instrumentId && { instrumentId: scope.instrumentId }) } : { status: 'findable' };
      sources.push(this.from(kind === 'dataset' ? 'datasets' : 'publications', kind, base, range, pos, limit, false, sets));
      if (kind === 'dataset') sources.push(this.from('deleted', kind, scope.instrumentId ? { instrumentId: scope.instrumentId } : {}, range, pos, limit, true, sets));
    }
    const all = (await Promise.all(sources)).flat();
    all.sort((x, y) => x.datestamp.getTime() - y.datestamp.getTime() || (`${x.kind}:${x.id}` < `${y.kind}:${y.id}` ? -1 : 1));
    return all.slice(0, limit);
  }

  /** One source's next items after `pos`: published datasets and findable publications from the read store, tombstones from MongoDB. */
  private async from(source: 'datasets' | 'publications' | 'deleted', kind: Kind, base: Filter<any>, range: Record<string, Date>, pos: Position | undefined, limit: number, deleted: boolean, sets: Map<string, string>): Promise<Item[]> {
    const and: Filter<any>[] = [base];
    if (Object.keys(range).length) and.push({ updatedAt: range });
    if (pos) {
      const t = new Date(pos.t);
      const [pk, ...rest] = pos.k.split(':');
      const pid = rest.join(':');
      const tie = kind === pk ? { updatedAt: t, _id: { $gt: pid } } : kind > pk ? { updatedAt: t } : undefined;
      and.push(tie ? { $or: [{ updatedAt: { $gt: t } }, tie] } : { updatedAt: { $gt: t } });
    }
    const filter = and.length === 1 ? and[0] : { $and: and };
    const docs: Record<string, any>[] =
      source === 'deleted'
        ? await this.d.services.datasets.tombstones(filter, limit)
        : await (source === 'datasets' ? this.d.services.datasets : this.d.services.publications).select(ANONYMOUS, filter, BY_DATESTAMP, limit);
    return docs.map((d) => ({ kind, id: String(d._id), datestamp: d.updatedAt as Date, deleted, rec: deleted ? undefined : (d as unknown as StoredRecord), sets: this.setsOf(kind, d, sets) }));
  }

  private setsOf(kind: Kind, d: Record<string, any>, sets: Map<string, string>): string[] {
    if (kind === 'publication') return ['publications'];
    const inst = typeof d.instrumentId === 'string' ? sets.get(d.instrumentId) : undefined;
    return ['datasets', ...(inst ? [inst] : [])];
  }

  private disseminates(item: Item, prefix: Prefix): boolean {
    return prefix === 'oai_dc' || item.kind === 'publication';
  }

  private identifierOf(item: Item): string {
    const id = item.kind === 'publication' && item.rec?.doi ? item.rec.doi : item.id;
    return `oai:${this.d.repositoryId}:${id}`;
  }

  /** An OAI identifier to its item: a findable publication (by DOI or id), a published dataset, or a tombstone. */
  private async item(identifier: string, sets: Map<string, string>): Promise<Item> {
    const prefix = `oai:${this.d.repositoryId}:`;
    if (!identifier.startsWith(prefix)) throw new OaiError('idDoesNotExist', `${identifier} is not an identifier of this repository (they start with ${prefix})`);
    const id = identifier.slice(prefix.length);
    // harvesting is anonymous: the services' key reads apply the same access rule as any anonymous read
    const pub = (await this.d.services.publications.findByIds(ANONYMOUS, [id]))[0] ?? (/^10\./.test(id) ? (await this.d.services.publications.select(ANONYMOUS, { doi: id.toLowerCase() }, { field: '_id', direction: 'ASC' }, 1))[0] : null);
    if (pub && pub.status === 'findable') return { kind: 'publication', id: String(pub._id), datestamp: pub.updatedAt, deleted: false, rec: pub as unknown as StoredRecord, sets: ['publications'] };
    const [ds] = await this.d.services.datasets.findByIds(ANONYMOUS, [id], DATASET_FIELDS);
    if (ds) return { kind: 'dataset', id, datestamp: ds.updatedAt, deleted: false, rec: ds as unknown as StoredRecord, sets: this.setsOf('dataset', ds, sets) };
    const [gone] = await this.d.services.datasets.tombstones({ _id: id }, 1);
    if (gone) return { kind: 'dataset', id, datestamp: gone.updatedAt, deleted: true, sets: this.setsOf('dataset', gone, sets) };
    throw new OaiError('idDoesNotExist', `${identifier} is unknown or not published in this repository`);
  }

  private header(item: Item): string {
    return wrap('header', item.deleted ? { status: 'deleted' } : undefined, [el('identifier', undefined, this.identifierOf(item)), el('datestamp', undefined, stamp(item.datestamp)), ...item.sets.map((s) => el('setSpec', undefined, s))]);
  }

  private async record(item: Item, prefix: Prefix): Promise<string> {
    if (item.deleted || !item.rec) return wrap('record', undefined, [this.header(item)]);
    const metadata = await metadataOf(this.d, item.kind, item.rec, prefix);
    return wrap('record', undefined, [this.header(item), `<metadata>${metadata}</metadata>`]);
  }
}
