// Two API processes against the same MongoDB and Elasticsearch, as a facility runs several replicas
// behind a load balancer: both serve lists and subscriptions, one holds the search sync lease, and
// every write through either is indexed once and listed by both.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startHarness, rawDataset, GROUP_A, SYSTEM, type Harness } from './helpers/harness';

let a: Harness;
let b: Harness;

beforeAll(async () => {
  a = await startHarness('replicas', { searchSync: true });
  b = await startHarness('replicas', { searchSync: true }, a);
  await a.app.services.search.sync.drain();
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

function subscribe(h: Harness, token: string): { events: string[]; close: () => Promise<void> } {
  const events: string[] = [];
  const client = createClient({ url: h.app.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
  client.subscribe({ query: 'subscription { datasetChanged { op pid } }' }, { next: (v: any) => events.push(`${v.data.datasetChanged.op} ${v.data.datasetChanged.pid}`), error: () => undefined, complete: () => undefined });
  return { events, close: () => client.dispose() as Promise<void> };
}

async function listed(h: Harness, pids: string[]): Promise<string[]> {
  // straight to the API: what a portal behind the load balancer sees, without waiting on the index
  const res = await fetch(h.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.tokens.alice}` }, body: JSON.stringify({ query: `{ datasets(first: 100, filter: { pids: ${JSON.stringify(pids)} }) { nodes { pid } } }` }) });
  const body = (await res.json()) as any;
  return body.data.datasets.nodes.map((n: any) => n.pid).sort();
}

test('both replicas serve; one holds the sync lease; writes through either are listed by both, indexed once, and reach subscribers of both', async () => {
  const subA = subscribe(a, a.tokens.alice);
  const subB = subscribe(b, b.tokens.alice);
  await new Promise((r) => setTimeout(r, 500));
  const owners = [a.app.services.search.sync.owner, b.app.services.search.sync.owner];
  const st = await a.app.services.search.state.get();
  expect(owners).toContain(st?.leaseOwner);
  const appliedBefore = [a.app.services.search.sync.applied, b.app.services.search.sync.applied];

  const pids = Array.from({ length: 20 }, (_, i) => `rep/ds-${String(i).padStart(2, '0')}`);
  await Promise.all(
    pids.map((pid, i) => (i % 2 ? b : a).gql('mutation($i: DatasetInput!) { upsertDataset(input: $i) { outcome } }', { i: rawDataset(pid, GROUP_A) }, a.tokens.ingestorA)),
  );
  const deadline = Date.now() + 10_000;
  let both: string[][] = [[], []];
  while (Date.now() < deadline) {
    both = [await listed(a, pids), await listed(b, pids)];
    if (both.every((l) => l.length === pids.length) && subA.events.length >= pids.length && subB.events.length >= pids.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(both).toEqual([pids, pids]);
  expect(subA.events.sort()).toEqual(pids.map((p) => `created ${p}`).sort());
  expect(subB.events.sort()).toEqual(pids.map((p) => `created ${p}`).sort());
  await Promise.all([subA.close(), subB.close()]);

  // the outbox is applied by the lease holder alone, and the index holds each record once at its revision
  await new Promise((r) => setTimeout(r, 500));
  const applied = [a.app.services.search.sync.applied - appliedBefore[0], b.app.services.search.sync.applied - appliedBefore[1]];
  expect(applied.filter((n) => n > 0)).toHaveLength(1);
  const check = await a.app.services.search.indexer.check();
  expect({ missing: check.missing, stale: check.stale, orphaned: check.orphaned }).toEqual({ missing: [], stale: [], orphaned: [] });
  const es = a.app.services.search.backend.es();
  const r = await es.search({ index: a.app.services.search.backend.alias, size: 0, query: { prefix: { id: 'rep/' } }, aggs: { dup: { terms: { field: 'uid', min_doc_count: 2 } } } } as any);
  expect((r.aggregations as any).dup.buckets).toEqual([]);
  expect((r.hits.total as any).value).toBe(pids.length);
});

test('when the lease holder stops, the other replica takes the sync over', async () => {
  const st = await a.app.services.search.state.get();
  const [holder, other] = st?.leaseOwner === a.app.services.search.sync.owner ? [a, b] : [b, a];
  await holder.app.services.search.sync.stop(); // releases the lease, as a replica shutting down does
  const pid = 'rep/after-handover';
  await other.app.services.datasets.upsert(SYSTEM, rawDataset(pid, GROUP_A));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await other.app.services.search.state.get())?.leaseOwner !== other.app.services.search.sync.owner) await new Promise((r) => setTimeout(r, 100));
  expect((await other.app.services.search.state.get())?.leaseOwner).toBe(other.app.services.search.sync.owner);
  await other.app.services.search.sync.drain();
  expect(await listed(other, [pid])).toEqual([pid]);
  holder.app.services.search.sync.start();
});
