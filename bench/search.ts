// Search bench: generated MX datasets (~400 metadata keys each, seeds/bulk.ts) in MongoDB, then
//   indexing   `catalog search reindex` (MongoDB read + documents + bulk) and the same documents built
//              in memory and bulk-indexed by the catalog's indexer, beside raw Elasticsearch bulk of
//              the already-built documents into an index of the same definition (baseline);
//   queries    p50/p95 of logbook text queries, filtered metadata queries (with units) and facet
//              queries through GraphQL (the API in its own process, a user's access filter applied),
//              beside the same Elasticsearch request bodies sent directly (baseline);
//   freshness  time from a write through the catalog to the record being searchable, with the API's
//              own sync worker.
//   BENCH_SEARCH_DATASETS (20000)  BENCH_SEARCH_QUERIES (100 per kind)  BENCH_SEARCH_DB (bench_search)
import 'reflect-metadata';
import { Client } from '@elastic/elasticsearch';
import { loadConfig } from '../src/config';
import { connect } from '../src/db';
import { createServices } from '../src/app/services';
import { issueToken, systemIdentity, type Identity } from '../src/auth';
import { BULK_GROUP, bulkDataset, seedBulk } from '../seeds/bulk';
import { searchOptions } from '../src/search';
import type { SearchDoc } from '../src/search/document';
import { startServer, writeResult } from './common';

const N = Number(process.env.BENCH_SEARCH_DATASETS ?? 20_000);
const Q = Number(process.env.BENCH_SEARCH_QUERIES ?? 100);
const DB = process.env.BENCH_SEARCH_DB ?? 'bench_search';
const PORT = 4600 + Math.floor(Math.random() * 300);

function quantiles(xs: number[]): { p50: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Number(s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1));
  return { p50: q(0.5), p95: q(0.95) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function main(): Promise<void> {
  if (!process.env.ELASTICSEARCH_URL) throw new Error('ELASTICSEARCH_URL is not set (npm run bench starts Elasticsearch)');
  const cfg = loadConfig(process.env, { dbName: DB, logLevel: 'warn', searchIndex: DB });
  const db = await connect(cfg.mongoUri, cfg.dbName);
  const s = createServices(db.db, { maxPageSize: 500, pidPrefix: 'bench' }, undefined, searchOptions(cfg));
  const es = new Client({ node: process.env.ELASTICSEARCH_URL, requestTimeout: 120_000 });
  const system = systemIdentity('bench');

  // population: hierarchy through the services, datasets straight into the collection (this bench is about search)
  await db.db.dropDatabase();
  await es.indices.delete({ index: `${DB}-records-*,${DB}-raw`, allow_no_indices: true, ignore_unavailable: true } as any);
  await seedBulk(s, N, { skipDatasets: true });
  let t = performance.now();
  for (let i = 0; i < N; i += 500) {
    const now = new Date();
    const docs = Array.from({ length: Math.min(500, N - i) }, (_, k) => {
      const d = bulkDataset(i + k);
      return { _id: d.pid, _rev: 1, _hash: '', createdAt: now, updatedAt: now, createdBy: 'bench', updatedBy: 'bench', ...d };
    });
    await db.db.collection('datasets').insertMany(docs as any[], { ordered: false });
  }
  console.log(`populated ${N} datasets in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  // indexing: the catalog's rebuild from MongoDB
  const [reindexMs, r] = await timed(() => s.search.indexer.reindex(s.search.state));
  const records = r.docs;
  // the same documents, built in memory once, for the two bulk paths
  const docs: SearchDoc[] = [];
  for await (const batch of s.search.indexer.scan()) docs.push(...batch);
  const rawIndex = `${DB}-raw`;
  await s.search.backend.createIndex(rawIndex, { refresh_interval: '-1' });
  const [rawMs] = await timed(async () => {
    for (let i = 0; i < docs.length; i += 500) {
      const operations = docs.slice(i, i + 500).flatMap((d) => [{ index: { _index: rawIndex, _id: d.uid } }, d]);
      const b = await es.bulk({ operations });
      if (b.errors) throw new Error('raw bulk refused documents');
    }
  });
  const catIndex = `${DB}-records-v0-bench`;
  await s.search.backend.createIndex(catIndex, { refresh_interval: '-1' });
  const [catBulkMs] = await timed(async () => {
    for (let i = 0; i < docs.length; i += 500) await s.search.indexer.bulk(docs.slice(i, i + 500), [], [catIndex]);
  });
  await es.indices.delete({ index: `${rawIndex},${catIndex}` });
  const indexing = {
    documents: records,
    catalogReindexPerSecond: Math.round(records / (reindexMs / 1000)),
    catalogBulkPerSecond: Math.round(docs.length / (catBulkMs / 1000)),
    rawBulkPerSecond: Math.round(docs.length / (rawMs / 1000)),
  };
  console.log(`indexing ${records} documents (~${Math.round(docs.reduce((n, d) => n + d.meta.length, 0) / docs.length)} metadata entries each):`);
  console.log(`  catalog reindex from MongoDB   ${indexing.catalogReindexPerSecond} docs/s (${(indexing.catalogReindexPerSecond / indexing.rawBulkPerSecond).toFixed(2)} of raw)`);
  console.log(`  catalog indexer bulk           ${indexing.catalogBulkPerSecond} docs/s (${(indexing.catalogBulkPerSecond / indexing.rawBulkPerSecond).toFixed(2)} of raw)`);
  console.log(`  baseline: raw Elasticsearch bulk ${indexing.rawBulkPerSecond} docs/s`);

  // queries: GraphQL against the API in its own process, the same bodies sent straight to Elasticsearch
  const user: Identity = { subject: 'bench-user', role: 'user', groups: [BULK_GROUP], via: 'jwt' };
  const secret = cfg.jwtSecret!;
  const token = await issueToken(secret, { subject: user.subject, role: 'user', groups: user.groups });
  const server = await startServer(PORT, { CATALOG_DB: DB, CATALOG_SEARCH_INDEX: DB, CATALOG_EXPORT_WORKER: 'false' });
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body: any = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  // the request bodies the service sends for each query, captured once in this process
  const captured: Record<string, unknown>[] = [];
  const realSearch = s.search.backend.es().search.bind(s.search.backend.es());
  (s.search.backend.es() as any).search = (body: Record<string, unknown>) => {
    captured.push(body);
    return realSearch(body as any);
  };
  const words = ['bench dataset 1', 'generated', 'Benchmark proposal 3', 'bench sample 7', 'MX'];
  const kinds = {
    logbookText: {
      gql: `query L($input: SearchInput) { logbook(input: $input, first: 20) { totalCount days { day count entries { id title } } } }`,
      vars: (i: number) => ({ input: { text: words[i % words.length] } }),
      direct: (i: number) => s.search.service.logbook(user, { text: words[i % words.length] }, { first: 20 }),
    },
    metadataFilter: {
      gql: `query M($input: SearchInput) { search(input: $input, first: 20) { totalCount hits { id title } } }`,
      vars: (i: number) => ({ input: { filters: [{ path: 'beamline.energy', op: 'GT', value: String(10 + (i % 5)), unit: 'keV' }, { path: 'beamline.ringCurrent', op: 'GTE', value: '0.1', unit: 'A' }] } }),
      direct: (i: number) => s.search.service.search(user, { filters: [{ path: 'beamline.energy', op: 'GT', value: String(10 + (i % 5)), unit: 'keV' }, { path: 'beamline.ringCurrent', op: 'GTE', value: '0.1', unit: 'A' }] }, { first: 20, offset: 0 }),
    },
    facets: {
      gql: `query F($input: SearchInput) { search(input: $input, first: 0, facets: [KIND, INSTRUMENT, PROPOSAL, SAMPLE, TYPE, TECHNIQUE, KEYWORD, YEAR, MONTH]) { totalCount facets { facet buckets { value count } } } }`,
      vars: (i: number) => ({ input: i % 2 ? { text: 'bench' } : {} }),
      direct: (i: number) => s.search.service.search(user, i % 2 ? { text: 'bench' } : {}, { first: 0, offset: 0, facets: ['KIND', 'INSTRUMENT', 'PROPOSAL', 'SAMPLE', 'TYPE', 'TECHNIQUE', 'KEYWORD', 'YEAR', 'MONTH'] }),
    },
  };
  const queries: Record<string, unknown> = {};
  try {
    for (const [name, k] of Object.entries(kinds)) {
      // the Elasticsearch requests each service call makes (logbook: hits, then day counts; metadata
      // filters: the key lookup, then the search), replayed in order as the baseline
      const bodies: Record<string, unknown>[][] = [];
      for (let i = 0; i < Math.min(Q, 10); i++) {
        captured.splice(0);
        await k.direct(i);
        bodies.push([...captured]);
      }
      for (let i = 0; i < 5; i++) await gql(k.gql, k.vars(i)); // warm-up
      const viaGql: number[] = [];
      const direct: number[] = [];
      for (let i = 0; i < Q; i++) {
        viaGql.push((await timed(() => gql(k.gql, k.vars(i))))[0]);
        direct.push(
          (
            await timed(async () => {
              for (const b of bodies[i % bodies.length]) await es.search(b as any);
            })
          )[0],
        );
      }
      const g = quantiles(viaGql);
      const d = quantiles(direct);
      queries[name] = { graphql: g, elasticsearch: d, overheadP50: Number((g.p50 / d.p50 - 1).toFixed(2)), overheadP95: Number((g.p95 / d.p95 - 1).toFixed(2)) };
      console.log(`${name.padEnd(16)} GraphQL p50 ${g.p50} ms p95 ${g.p95} ms | baseline: Elasticsearch direct p50 ${d.p50} ms p95 ${d.p95} ms | overhead p50 ${Math.round((g.p50 / d.p50 - 1) * 100)}%`);
    }

    // freshness: write through the catalog, poll until searchable (the API's sync worker indexes it)
    const fresh: number[] = [];
    for (let i = 0; i < 30; i++) {
      const d = bulkDataset(N + i);
      const t0 = performance.now();
      await s.datasets.upsert(system, { ...d, creationTime: d.creationTime.toISOString() });
      for (;;) {
        const c = await es.count({ index: s.search.backend.alias, query: { term: { uid: `dataset:${d.pid}` } } });
        if (c.count > 0) break;
        if (performance.now() - t0 > 30_000) throw new Error(`dataset ${d.pid} not searchable after 30 s`);
        await new Promise((res) => setTimeout(res, 20));
      }
      fresh.push(performance.now() - t0);
    }
    const f = quantiles(fresh);
    queries.freshness = f;
    console.log(`freshness        write → searchable p50 ${f.p50} ms p95 ${f.p95} ms (goal p95 < 2000 ms)`);
  } finally {
    server.kill('SIGTERM');
  }
  t = performance.now();
  writeResult({ at: new Date().toISOString(), part: 'search', datasets: N, indexing, queries } as any, '-search');
  await s.search.close();
  await es.close();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
