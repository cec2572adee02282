// The access matrix on SciCat REST: anonymous, user of group A, user of group B, ingestor, admin × get, list,
// count, fullquery, fullfacet, metadataKeys and a dataset's attachments and blocks. No forbidden record may
// leak on any path; a forbidden record reads exactly like a missing one. scripts/test.sh runs it on the index
// and again with every list read from MongoDB (CATALOG_READ_STORE=mongodb); fullquery, fullfacet and metadataKeys
// are search, which always reads Elasticsearch.
import { startHarness, SYSTEM, type Harness } from './helpers/harness';
import { F, VISIBLE, seedFixture } from './helpers/fixture';

let h: Harness;
let base: string;
const ALL = VISIBLE.admin;
type Who = keyof typeof VISIBLE;
const WHO: Who[] = ['anonymous', 'alice', 'bob', 'ingestorA', 'admin'];
const token = (w: Who) => (w === 'anonymous' ? undefined : h.tokens[w]);
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII=';

beforeAll(async () => {
  h = await startHarness('access-rest');
  base = new URL(h.app.url).origin;
  await seedFixture(h.app.services);
  for (const pid of ALL) {
    await h.app.services.attachments.create(SYSTEM, { datasetId: pid, caption: `picture of ${pid}`, thumbnail: PNG });
    await h.app.services.datasets.update(SYSTEM, pid, { scientificMetadata: { [`key_${pid.replace(/\W/g, '_')}`]: { value: 1, unit: 'K' } } });
  }
  const s = h.app.services.search;
  await s.reads.settle();
  if (s.backend.configured) await s.sync.drain().catch(() => undefined);
  s.reads.invalidate();
  await s.reads.refresh();
}, 60_000);
afterAll(() => h?.close());

async function get(path: string, who: Who): Promise<{ status: number; body: any }> {
  const t = token(who);
  const r = await fetch(`${base}/api/${path}`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
  return { status: r.status, body: await r.json() };
}
const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe.each(WHO)('%s', (who) => {
  const visible = () => [...VISIBLE[who]].sort();

  test('get, attachments and blocks: a forbidden dataset reads exactly like a missing one', async () => {
    for (const pid of ALL) {
      const seen = VISIBLE[who].includes(pid);
      for (const path of [`v3/Datasets/${encodeURIComponent(pid)}`, `v4/datasets/${encodeURIComponent(pid)}?include=attachments`, `v3/Datasets/${encodeURIComponent(pid)}/attachments`, `v3/Datasets/${encodeURIComponent(pid)}/origdatablocks`]) {
        const r = await get(path, who);
        expect([path, r.status]).toEqual([path, seen ? 200 : 404]);
        if (!seen) expect(r.body).toEqual({ statusCode: 404, message: `Dataset ${JSON.stringify(pid)} not found`, error: 'Not Found' });
        else if (path.endsWith('/attachments')) expect(r.body.map((a: any) => [a.caption, a.thumbnail])).toEqual([[`picture of ${pid}`, PNG]]);
        else if (path.includes('include')) expect(r.body.attachments.map((a: any) => [a.caption, a.thumbnail])).toEqual([[`picture of ${pid}`, PNG]]);
      }
    }
    const all = await get(`v3/Attachments?filter=${q({ limit: 100 })}`, who);
    expect(all.body.map((a: any) => a.datasetId).sort()).toEqual(visible());
    expect(all.body.every((a: any) => a.thumbnail === PNG)).toBe(true);
  });

  test('list and count show only visible datasets', async () => {
    const list = await get(`v3/Datasets?filter=${q({ fields: ['pid'], limit: 100 })}`, who);
    expect(list.body.map((d: any) => d.pid).sort()).toEqual(visible());
    expect((await get('v3/Datasets/count', who)).body).toEqual({ count: visible().length });
    const inProposal = await get(`v3/Datasets/count?where=${q({ proposalId: F.proposalA })}`, who);
    expect(inProposal.body.count).toBe(VISIBLE[who].filter((p) => F.dsA.includes(p) || p === F.derivedA).length);
  });

  test('fullquery, fullfacet and metadataKeys count and name only visible datasets', async () => {
    const full = await get(`v3/Datasets/fullquery?limits=${q({ limit: 100 })}`, who);
    const facet = await get(`v3/Datasets/fullfacet?facets=${q(['ownerGroup', 'type'])}`, who);
    const keys = await get('v3/Datasets/metadataKeys', who);
    expect(full.body.map((d: any) => d.pid).sort()).toEqual(visible());
    expect(facet.body[0].all).toEqual([{ totalSets: visible().length }]);
    expect(facet.body[0].ownerGroup.reduce((n: number, b: any) => n + b.count, 0)).toBe(visible().length);
    expect(keys.body.sort()).toEqual(visible().map((p) => `key_${p.replace(/\W/g, '_')}`).sort());
  });
});
