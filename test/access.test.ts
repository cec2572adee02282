// The access matrix: anonymous, user of group A, user of group B, ingestor, admin × get, list, count,
// nested relations and subscriptions. No forbidden record may leak on any path: scripts/test.sh runs it on the
// index and again with every list read from MongoDB (CATALOG_READ_STORE=mongodb).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { canRead, readFilter, type Identity } from '../src/auth';
import { accessClause } from '../src/search';
import { startHarness, rawDataset, GROUP_A, GROUP_B, SYSTEM, type Harness } from './helpers/harness';
import { F, VISIBLE, seedFixture } from './helpers/fixture';
import {
  CountDatasetsDocument, GetDatasetDocument, ListDatasetsDocument, ProposalWithChildrenDocument, PublicationWithDatasetsDocument,
  SampleWithDatasetsDocument, InstrumentWithDatasetsDocument, ListOrigDatablocksDocument, DatasetRelationsDocument,
} from './generated/graphql';

let h: Harness;
const ALL = VISIBLE.admin;
type Who = keyof typeof VISIBLE;
const WHO: Who[] = ['anonymous', 'alice', 'bob', 'ingestorA', 'admin'];
const token = (w: Who) => (w === 'anonymous' ? undefined : h.tokens[w]);

beforeAll(async () => {
  h = await startHarness('access');
  await seedFixture(h.app.services);
});
afterAll(() => h?.close());

describe.each(WHO)('%s', (who) => {
  const visible = () => new Set(VISIBLE[who]);

  test('get: a forbidden record reads exactly like a missing one', async () => {
    for (const pid of ALL) {
      const r = await h.gql(GetDatasetDocument, { pid }, token(who));
      expect(r.errors).toBeUndefined();
      expect(r.data!.dataset?.pid ?? null).toBe(visible().has(pid) ? pid : null);
    }
    const missing = await h.gql(GetDatasetDocument, { pid: 'ds/does-not-exist' }, token(who));
    expect(missing).toMatchObject({ status: 200, data: { dataset: null } });
  });

  test('list and count show only visible records', async () => {
    const r = await h.gql(ListDatasetsDocument, { first: 100 }, token(who));
    // scripts/test.sh runs this file on both paths: the index, and MongoDB (CATALOG_READ_STORE=mongodb)
    expect(r.extensions?.readStore).toEqual({ Dataset: process.env.CATALOG_READ_STORE ?? 'elasticsearch' });
    expect(r.data!.datasets.edges.map((e) => e.node.pid).sort()).toEqual([...visible()].sort());
    expect(r.data!.datasets.totalCount).toBe(visible().size);
    const c = await h.gql(CountDatasetsDocument, { filter: { proposalId: F.proposalA } }, token(who));
    expect(c.data!.datasets.totalCount).toBe([...visible()].filter((p) => F.dsA.includes(p) || p === F.derivedA).length);
  });

  test('nested relations never reveal forbidden records', async () => {
    const prop = await h.gql(ProposalWithChildrenDocument, { proposalId: F.proposalB, first: 50 }, token(who));
    if (prop.data!.proposal) {
      const pids = prop.data!.proposal.datasets.nodes.map((n) => n.pid);
      for (const p of pids) expect(visible().has(p)).toBe(true);
      expect(prop.data!.proposal.datasets.totalCount).toBe(pids.length);
      for (const s of prop.data!.proposal.samples.nodes) expect(s.sampleId).toBe(F.sampleB);
    } else {
      expect(['anonymous', 'alice', 'ingestorA']).toContain(who);
    }
    const inst = await h.gql(InstrumentWithDatasetsDocument, { pid: F.instrument }, token(who));
    expect(inst.data!.instrument!.datasets.nodes.map((n) => n.pid).sort()).toEqual([...visible()].sort());
    expect(inst.data!.instrument!.datasets.totalCount).toBe(visible().size);

    const pub = await h.gql(PublicationWithDatasetsDocument, { id: F.publicationA }, token(who));
    if (pub.data!.publication) for (const d of pub.data!.publication.datasets) expect(visible().has(d.pid)).toBe(true);

    const smp = await h.gql(SampleWithDatasetsDocument, { sampleId: F.sampleB }, token(who));
    for (const d of smp.data!.sample?.datasets.nodes ?? []) expect(visible().has(d.pid)).toBe(true);

    const blocks = await h.gql(ListOrigDatablocksDocument, {}, token(who));
    for (const b of blocks.data!.origDatablocks.nodes) expect(visible().has(b.datasetId)).toBe(true);

    // a visible derived dataset whose raw input is visible shows it; nothing else appears
    const rel = await h.gql(DatasetRelationsDocument, { pid: F.dsA[0] }, token(who));
    if (rel.data!.dataset) {
      expect(rel.data!.dataset.derivedDatasets.nodes.map((n) => n.pid)).toEqual([F.derivedA]);
      for (const p of rel.data!.dataset.publications) expect(p.id).toBe(F.publicationA);
    }
  });
});

test('the one access rule in its three forms agrees on the real servers: canRead (events, key reads), readFilter (MongoDB queries) and accessClause (Elasticsearch)', async () => {
  const ids: Identity[] = [
    { subject: 'anon', role: 'anonymous', groups: [], via: 'anonymous' },
    { subject: 'a', role: 'user', groups: [GROUP_A], via: 'jwt' },
    { subject: 'b', role: 'user', groups: [GROUP_B, 'other'], via: 'jwt' },
    { subject: 'none', role: 'user', groups: [], via: 'jwt' },
    { subject: 'i', role: 'ingestor', groups: [GROUP_A], via: 'apikey' },
    SYSTEM,
  ];
  const col = h.db.db.collection('datasets');
  const all = await col.find({}).toArray();
  const search = h.app.services.search;
  await h.gql('{ __typename }'); // the harness lets the index follow the fixture's writes
  await search.backend.es().indices.refresh({ index: search.backend.alias });
  for (const id of ids) {
    const viaFilter = (await col.find(readFilter(id)).project({ _id: 1 }).toArray()).map((d) => d._id).sort();
    const viaPredicate = all.filter((d) => canRead(id, d as any)).map((d) => d._id).sort();
    const clause = accessClause(id);
    const r: any = await search.backend.es().search({ index: search.backend.alias, size: 1000, _source: ['id'], query: { bool: { filter: [{ term: { kind: 'dataset' } }, ...(clause ? [clause] : [])] } } });
    const viaIndex = r.hits.hits.map((x: any) => x._source.id).sort();
    expect(viaPredicate).toEqual(viaFilter);
    expect(viaIndex).toEqual(viaFilter);
    expect(viaFilter.length).toBeGreaterThan(0);
  }
});

describe('subscriptions', () => {
  async function subscribe(tok: string | undefined, query: string) {
    const events: any[] = [];
    const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, connectionParams: tok ? { authorization: `Bearer ${tok}` } : {}, lazy: false, retryAttempts: 0 });
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe({ query }, { next: (v) => events.push(v), error: reject, complete: resolve });
    });
    done.catch(() => undefined);
    return { events, client };
  }

  test('datasetChanged reaches only subscribers who may see the change', async () => {
    const q = 'subscription { datasetChanged { op pid dataset { pid ownerGroup proposals { proposalId } } } }';
    const subs = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, await subscribe(token(w), q)] as const)));
    await new Promise((r) => setTimeout(r, 300));
    await h.app.services.datasets.upsert(SYSTEM, rawDataset('ds/sub-a', GROUP_A, { proposalIds: [F.proposalA] }));
    await h.app.services.datasets.upsert(SYSTEM, rawDataset('ds/sub-b', GROUP_B, { proposalIds: [F.proposalB] }));
    await h.app.services.datasets.upsert(SYSTEM, rawDataset('ds/sub-pub', GROUP_B, { isPublished: true }));
    await h.app.services.datasets.remove(SYSTEM, 'ds/sub-b');
    const expected: Record<Who, string[]> = {
      anonymous: ['created ds/sub-pub'],
      alice: ['created ds/sub-a', 'created ds/sub-pub'],
      bob: ['created ds/sub-b', 'created ds/sub-pub', 'deleted ds/sub-b'],
      ingestorA: ['created ds/sub-a', 'created ds/sub-pub'],
      admin: ['created ds/sub-a', 'created ds/sub-b', 'created ds/sub-pub', 'deleted ds/sub-b'],
    };
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && subs.admin.events.length < 4) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    for (const w of WHO) {
      const got = subs[w].events.map((e: any) => `${e.data.datasetChanged.op} ${e.data.datasetChanged.pid}`).sort();
      expect({ who: w, got }).toEqual({ who: w, got: expected[w].sort() });
      const proposalsSeen: Record<Who, string[]> = { anonymous: [], alice: [F.proposalA], bob: [F.proposalB], ingestorA: [F.proposalA], admin: [F.proposalA, F.proposalB] };
      for (const e of subs[w].events) {
        // relations inside an event are access-filtered like any other read
        for (const p of e.data.datasetChanged.dataset?.proposals ?? []) expect(proposalsSeen[w]).toContain(p.proposalId);
      }
    }
    for (const w of WHO) await subs[w].client.dispose();
  });

  test('a subscription with an invalid token is refused at connection', async () => {
    const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer not-a-jwt' }, retryAttempts: 0 });
    const err = await new Promise<any>((resolve) => {
      client.subscribe({ query: 'subscription { datasetChanged { pid } }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    expect(err?.code).toBe(4403);
    await client.dispose();
  });
});
