// OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html) at /oai.
//
// Items: published datasets and findable publications (DOIs); deleted published datasets as
// tombstones (deletedRecord "transient": kept in oai_deleted, which operators may prune). Formats:
// oai_dc for every item, oai_datacite for items with a DOI. Sets: "datasets", "publications" and
// "instrument:<uniqueName>". Lists are ordered by (datestamp, item key) and paged by resumption tokens
// that carry the position (stateless: any replica continues any list). Each page is streamed as it is
// read, so memory depends on the page size, not on the list.
import type { Request, Response } from 'express';
import type { Filter } from 'mongodb';
import type { CatalogServices } from '../catalog';
import type { DoiWorkflow } from '../doi';

type Services = CatalogServices & { doi: DoiWorkflow };
import type { StoredRecord } from '../catalog/common/record.types';
import { ANONYMOUS, systemIdentity } from '../auth';
import { dataciteXml } from '../doi';
import { el, esc, wrap } from '../common/xml';

export interface OaiDeps {
  services: Services;
  baseUrl: () => string;
  repositoryName: string;
  adminEmail: string;
  repositoryId: string;
  pageSize: number;
}

type Kind = 'dataset' | 'publication';
interface Item { kind: Kind; id: string; datestamp: Date; deleted: boolean; rec?: StoredRecord; sets: string[] }
interface Position { t: string; k: string }
interface ListArgs { metadataPrefix: string; set?: string; from?: string; until?: string }
interface Token extends ListArgs { pos: Position; cursor: number }

const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const FORMATS = {
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  oai_datacite: { schema: 'http://schema.datacite.org/oai/oai-1.1/oai.xsd', namespace: 'http://schema.datacite.org/oai/oai-1.1/' },
} as const;
type Prefix = keyof typeof FORMATS;
const VERBS: Record<string, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};
const SETSPEC_RE = /^[A-Za-z0-9\-_.!~*'()]+$/;
const BY_DATESTAMP = { field: 'updatedAt', direction: 'ASC' } as const;
/** Sets are listed for harvesters whatever the instruments' own access fields say. */
const OAI_READER = systemIdentity('oai-pmh');
const DATASET_FIELDS = { _id: 1, datasetName: 1, description: 1, keywords: 1, owner: 1, creationTime: 1, techniques: 1, license: 1, type: 1, instrumentId: 1, updatedAt: 1, isPublished: 1, ownerGroup: 1, inputDatasets: 1, proposalIds: 1 };

class OaiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}

/** Datestamps at the repository's granularity (seconds, UTC). */
function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** from/until: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; until is inclusive, so it becomes the next instant. */
function parseDate(name: string, v: string, end: boolean): { date: Date; day: boolean } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v);
  if (!day && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v)) throw new OaiError('badArgument', `${name}=${v} is not a date at the repository's granularity (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
  const date = new Date(day ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v.slice(0, 10)) throw new OaiError('badArgument', `${name}=${v} is not a valid date`);
  if (end) date.setTime(date.getTime() + (day ? 86400_000 : 1000));
  return { date, day };
}

function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

/** The largest cursor a token may carry (a list position, echoed in the response). */
const MAX_TOKEN_CURSOR = 1_000_000_000;
const TOKEN_KEYS = new Set(['metadataPrefix', 'set', 'from', 'until', 'pos', 'cursor']);

/**
 * A resumption token back from a harvester. Tokens are opaque but not signed, so every field is checked
 * for its type and range before any of it is used or echoed: anything else is badResumptionToken.
 */
function decodeToken(s: string): Token {
  try {
    if (s.length > 4096) throw new Error('size');
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Token;
    if (typeof t !== 'object' || !t || Array.isArray(t) || Object.keys(t).some((k) => !TOKEN_KEYS.has(k))) throw new Error('shape');
    if (typeof t.metadataPrefix !== 'string' || !(t.metadataPrefix in FORMATS)) throw new Error('prefix');
    if (t.set !== undefined && (typeof t.set !== 'string' || t.set.length > 300)) throw new Error('set');
    for (const d of [t.from, t.until]) if (d !== undefined && (typeof d !== 'string' || d.length > 20 || !parseDate('from', d, false))) throw new Error('date');
    if (typeof t.pos !== 'object' || !t.pos || Array.isArray(t.pos) || Object.keys(t.pos).length !== 2) throw new Error('pos');
    if (typeof t.pos.t !== 'string' || Number.isNaN(new Date(t.pos.t).getTime()) || new Date(t.pos.t).toISOString() !== t.pos.t) throw new Error('pos.t');
    if (typeof t.pos.k !== 'string' || t.pos.k.length > 300 || !/^(dataset|publication):./.test(t.pos.k)) throw new Error('pos.k');
    if (!Number.isSafeInteger(t.cursor) || t.cursor < 0 || t.cursor > MAX_TOKEN_CURSOR) throw new Error('cursor');
    return t;
  } catch {
    throw new OaiError('badResumptionToken', `the resumptionToken ${JSON.stringify(s.slice(0, 60))} is not one this repository issued`);
  }
}

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

  async handle(req: Request, res: Response): Promise<void> {
    const args = collectArgs(req);
    const verb = args.get('verb');
    const started = { wrote: false };
    try {
      if (!verb || verb.length !== 1 || !(verb[0] in VERBS)) {
        throw new OaiError('badVerb', verb ? (verb.length > 1 ? 'the verb argument is repeated' : `${verb[0]} is not an OAI-PMH verb; use one of ${Object.keys(VERBS).join(', ')}`) : 'the verb argument is missing');
      }
      const v = verb[0];
      const a = this.checkArgs(v, args);
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

  private checkArgs(verb: string, args: Map<string, string[]>): Record<string, string> {
    const spec = VERBS[verb];
    const out: Record<string, string> = {};
    for (const [k, vs] of args) {
      if (k === 'verb') continue;
      if (![...spec.required, ...spec.optional, spec.exclusive].includes(k)) throw new OaiError('badArgument', `${verb} does not take the argument ${k}`);
      if (vs.length > 1) throw new OaiError('badArgument', `the argument ${k} is repeated`);
      out[k] = vs[0];
    }
    if (spec.exclusive && out[spec.exclusive] !== undefined) {
      const others = Object.keys(out).filter((k) => k !== spec.exclusive);
      if (others.length) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument; ${others.join(', ')} may not accompany it`);
      return out;
    }
    for (const r of spec.required) if (out[r] === undefined) throw new OaiError('badArgument', `${verb} requires the argument ${r}`);
    if (out.from !== undefined || out.until !== undefined) {
      const f = out.from !== undefined ? parseDate('from', out.from, false) : undefined;
      const u = out.until !== undefined ? parseDate('until', out.until, true) : undefined;
      if (f && u && f.day !== u.day) throw new OaiError('badArgument', 'from and until must have the same granularity');
      if (f && u && f.date >= u.date) throw new OaiError('badArgument', 'from is later than until');
    }
    return out;
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
    this.checkPrefix(prefix);
    const item = await this.item(identifier, await this.instrumentSets());
    if (!this.disseminates(item, prefix as Prefix)) throw new OaiError('cannotDisseminateFormat', `${identifier} is not available as ${prefix}; use ListMetadataFormats with the identifier`);
    return wrap('GetRecord', undefined, [await this.record(item, prefix as Prefix)]);
  }

  private async list(res: Response, request: string, verb: 'ListIdentifiers' | 'ListRecords', a: Record<string, string>, started: { wrote: boolean }): Promise<void> {
    // an empty token is a token too (and not one this repository issued)
    const token = a.resumptionToken !== undefined ? decodeToken(a.resumptionToken) : undefined;
    const args: ListArgs = token ?? { metadataPrefix: a.metadataPrefix, set: a.set, from: a.from, until: a.until };
    this.checkPrefix(args.metadataPrefix);
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

  private checkPrefix(prefix: string): void {
    if (!(prefix in FORMATS)) throw new OaiError('cannotDisseminateFormat', `metadataPrefix ${prefix} is not supported; use ${Object.keys(FORMATS).join(' or ')}`);
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
    const metadata = prefix === 'oai_datacite' ? await this.oaiDatacite(item.rec) : item.kind === 'publication' ? await this.dcOfPublication(item.rec) : this.dcOfDataset(item.rec);
    return wrap('record', undefined, [this.header(item), `<metadata>${metadata}</metadata>`]);
  }

  private async oaiDatacite(pub: StoredRecord): Promise<string> {
    const attrs = await this.d.services.doi.attributes(pub);
    return `<oai_datacite xmlns="${FORMATS.oai_datacite.namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${FORMATS.oai_datacite.namespace} ${FORMATS.oai_datacite.schema}">${el('schemaVersion', undefined, '4.5')}${el('datacentreSymbol', undefined, this.d.repositoryName)}<payload>${dataciteXml(attrs, false)}</payload></oai_datacite>`;
  }

  private dc(fields: [string, unknown][]): string {
    const body = fields.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `<dc:${k}>${esc(v)}</dc:${k}>`).join('');
    return `<oai_dc:dc xmlns:oai_dc="${FORMATS.oai_dc.namespace}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${FORMATS.oai_dc.namespace} ${FORMATS.oai_dc.schema}">${body}</oai_dc:dc>`;
  }

  private async dcOfPublication(p: StoredRecord): Promise<string> {
    const a = await this.d.services.doi.attributes(p);
    return this.dc([
      ['title', p.title],
      ...a.creators.map((c): [string, unknown] => ['creator', c.name]),
      ...a.subjects.map((s): [string, unknown] => ['subject', s.subject]),
      ['description', p.abstract],
      ['publisher', p.publisher],
      ['date', p.publicationYear],
      ['type', a.types.resourceTypeGeneral],
      ['identifier', `https://doi.org/${p.doi}`],
      ['identifier', a.url],
      ...a.relatedIdentifiers.map((r): [string, unknown] => ['relation', `${r.relationType} ${r.relatedIdentifierType === 'DOI' ? `https://doi.org/${r.relatedIdentifier}` : r.relatedIdentifier}`]),
      ...a.rightsList.map((r): [string, unknown] => ['rights', r.rightsUri ?? r.rights]),
    ]);
  }

  private dcOfDataset(d: StoredRecord): string {
    return this.dc([
      ['title', d.datasetName ?? d._id],
      ['creator', d.owner],
      ...((d.keywords ?? []) as string[]).map((k): [string, unknown] => ['subject', k]),
      ...((d.techniques ?? []) as { name: string }[]).map((t): [string, unknown] => ['subject', t.name]),
      ['description', d.description],
      ['date', d.creationTime instanceof Date ? d.creationTime.toISOString().slice(0, 10) : undefined],
      ['type', 'Dataset'],
      ['identifier', d._id],
      ['identifier', `${this.d.baseUrl().replace(/\/oai$/, '')}/pid/${d._id}`],
      ...((d.inputDatasets ?? []) as string[]).map((i): [string, unknown] => ['source', i]),
      ['rights', d.license],
    ]);
  }
}

/** Query string (GET) or form body (POST) arguments, keeping repeats so they can be refused. */
function collectArgs(req: Request): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: unknown) => {
    for (const x of ([] as unknown[]).concat(v)) out.set(k, [...(out.get(k) ?? []), String(x)]);
  };
  const url = new URL(req.originalUrl, 'http://x');
  for (const [k, v] of url.searchParams) add(k, v);
  if (req.method === 'POST' && typeof req.body === 'object' && req.body) for (const [k, v] of Object.entries(req.body)) add(k, v);
  return out;
}
