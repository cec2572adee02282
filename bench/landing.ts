// npm run bench (part "fair", e): landing pages in every format and OAI-PMH GetRecord, each format's
// latency beside a baseline that reads the same records straight from MongoDB by key, as the page needs
// them. A quarter of the datasets have files on a storage root, so their pages list downloads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { systemIdentity } from '../src/auth';
import type { Services } from '../src/app/services';
import { load, type Timing } from './common';

const SYSTEM = systemIdentity('bench');
export const BENCH_PREFIX = '/data/bench';

export interface LandingSetup {
  /** The storage root the server is started with (CATALOG_STORAGE_ROOTS). */
  roots: string;
  pids: string[];
  dois: string[];
  cleanup(): void;
}

/**
 * Gives the first quarter of `pids` three small files each under a fresh storage root (blocks written through the services, so the
 * index knows them), and makes five publications with DOIs over them. Not measured.
 */
export async function prepareLanding(s: Services, pids: string[], sourceFolders: Map<string, string>): Promise<LandingSetup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-files-'));
  const withFiles = pids.slice(0, Math.ceil(pids.length / 4));
  for (const pid of withFiles) {
    const folder = path.join(dir, sourceFolders.get(pid)!.slice(BENCH_PREFIX.length));
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < 3; f++) writeFileSync(path.join(folder, `image_${f}.cbf`), Buffer.alloc(65_536, f));
  }
  await s.origDatablocks.upsertMany(SYSTEM, withFiles.map((pid) => ({ id: `${pid}/block/landing`, datasetId: pid, chunkIndex: 9, ownerGroup: 'bench', chkAlg: 'sha256', dataFileList: [0, 1, 2].map((f) => ({ path: `image_${f}.cbf`, size: 65_536 })) })));
  const dois = Array.from({ length: 5 }, (_, k) => `10.99999/bench.landing.${k}`);
  for (const [k, doi] of dois.entries()) {
    await s.publications.upsert(SYSTEM, {
      id: doi, doi, title: `Bench publication ${k}`, abstract: 'Generated for the landing-page benchmark.', creator: [{ name: 'Bench, Ada', orcid: '0000-0002-1825-0097' }],
      publisher: 'Bench Facility', publicationYear: 2026, license: 'CC-BY-4.0', datasetPids: pids.slice(k * 10, k * 10 + 10), ownerGroup: 'bench', isPublished: true, status: 'findable',
    });
  }
  await s.search.reads.settle();
  return { roots: JSON.stringify({ 'instrument/BL-BENCH': { [BENCH_PREFIX]: dir } }), pids, dois, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Format {
  label: string;
  url: (i: number) => string;
  accept?: string;
  expect: RegExp;
  /** The driver reads the same page needs, by key. */
  direct: (i: number) => Promise<unknown>;
}

/** Measures every format for `seconds` with one client, then `concurrency` clients, ours through HTTP and the by-key baseline; prints and returns the table. */
export async function measureLanding(base: string, db: Db, setup: LandingSetup, repositoryId: string, seconds: number, concurrency: number) {
  const { pids, dois } = setup;
  const col = (n: string) => db.collection<any>(n);
  const dataset = async (i: number) => {
    const d = await col('datasets').findOne({ _id: pids[i % pids.length] });
    await col('instruments').findOne({ _id: d.instrumentId });
    await col('origdatablocks').findOne({ _id: `${d._id}/block/landing` });
    return d;
  };
  const publication = async (i: number) => {
    const p = await col('publications').findOne({ _id: dois[i % dois.length] });
    for (const pid of p.datasetPids) await col('datasets').findOne({ _id: pid }, { projection: { scientificMetadata: 0 } });
    return p;
  };
  const page = (kind: 'pid' | 'doi', format?: string) => (i: number) => `${base}/pid/${kind === 'pid' ? pids[i % pids.length] : dois[i % dois.length]}${format ? `?format=${format}` : ''}`;
  const formats: Format[] = [
    { label: 'dataset HTML', url: page('pid'), accept: 'text/html', expect: /application\/ld\+json/, direct: dataset },
    { label: 'dataset JSON-LD', url: page('pid', 'jsonld'), expect: /"@type": "Dataset"/, direct: dataset },
    { label: 'dataset Linkset', url: page('pid', 'linkset'), expect: /"linkset"/, direct: dataset },
    { label: 'DOI HTML', url: page('doi'), accept: 'text/html', expect: /application\/ld\+json/, direct: publication },
    { label: 'DOI JSON-LD', url: page('doi', 'jsonld'), expect: /"distribution"|"hasPart"/, direct: publication },
    { label: 'DOI DataCite XML', url: page('doi', 'datacite-xml'), expect: /<resource/, direct: publication },
    { label: 'DOI DataCite JSON', url: page('doi', 'datacite-json'), expect: /"attributes"/, direct: publication },
    { label: 'DOI Linkset', url: page('doi', 'linkset'), expect: /"linkset"/, direct: publication },
    { label: 'OAI GetRecord oai_dc', url: (i) => `${base}/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${repositoryId}:${pids[i % pids.length]}`, expect: /<GetRecord>/, direct: dataset },
    { label: 'OAI GetRecord oai_datacite', url: (i) => `${base}/oai?verb=GetRecord&metadataPrefix=oai_datacite&identifier=oai:${repositoryId}:${dois[i % dois.length]}`, expect: /<GetRecord>/, direct: publication },
  ];
  const rows: { format: string; clients: number; ours: Timing; baseline: Timing }[] = [];
  for (const clients of [1, concurrency]) for (const f of formats) {
    let i = 0;
    const ours = async () => {
      const r = await fetch(f.url(i++), { headers: f.accept ? { accept: f.accept } : {} });
      const text = await r.text();
      if (r.status !== 200 || !f.expect.test(text)) throw new Error(`${f.label} failed: ${r.status} ${text.slice(0, 300)}`);
    };
    let j = 0;
    const direct = async () => void JSON.stringify(await f.direct(j++));
    await ours();
    rows.push({ format: f.label, clients, ours: await load(ours, seconds, clients), baseline: await load(direct, seconds, clients) });
  }
  console.log(`\n(e) landing pages and GetRecord, ${seconds}s each     clients   ours p50 / p95 / p99 ms (req/s)     baseline by key p95 ms   goal p95 ≤ 100`);
  for (const r of rows) console.log(`    ${r.format.padEnd(44)} ${String(r.clients).padEnd(9)} ${`${r.ours.p50ms} / ${r.ours.p95ms} / ${r.ours.p99ms} (${r.ours.perSecond})`.padEnd(36)} ${String(r.baseline.p95ms).padEnd(24)} ${r.ours.p95ms <= 100 ? 'met' : 'NOT met'}`);
  return rows;
}
