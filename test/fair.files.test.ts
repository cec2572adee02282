// Landing pages that lead to the data, read the way harvesters read them: JSON-LD expanded into RDF by the
// jsonld library against schema.org's own context (kept offline in .cache/), every advertised download
// fetched and held to its advertised type and size, and the Linkset checked against RFC 9264's JSON shape.
import { readFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { GROUP_A, startHarness, SYSTEM, type Harness } from './helpers/harness';
import { makeStorage, PIDS, seedFiles, type Storage } from './helpers/storage';

const SDO = 'http://schema.org/';
const PROV = 'http://www.w3.org/ns/prov#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DOI = '10.99999/files.tomo';
let h: Harness;
let st: Storage;
let base: string;

beforeAll(async () => {
  st = makeStorage();
  h = await startHarness('fairfiles', { storageRoots: st.roots, repositoryName: 'Files Facility' });
  base = new URL(h.app.url).origin;
  await seedFiles(h, st);
  await h.app.services.publications.upsert(SYSTEM, {
    id: DOI, doi: DOI, title: 'Tomography of a limestone core', abstract: 'Four files.', creator: [{ name: 'Curie, Marie', orcid: '0000-0002-1825-0097' }],
    publisher: 'Files Facility', publicationYear: 2026, license: 'CC-BY-4.0', datasetPids: [PIDS.clean, PIDS.derived], ownerGroup: GROUP_A, isPublished: true, status: 'findable',
  });
  await h.app.services.search.reads.settle();
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(st.dir, { recursive: true, force: true });
});

/** JSON-LD → RDF quads, with schema.org's context from the local copy and no other remote document. */
async function rdf(doc: unknown): Promise<{ s: string; p: string; o: string; literal: boolean }[]> {
  const file = process.env.SCHEMAORG_CONTEXT;
  if (!file) throw new Error('SCHEMAORG_CONTEXT is not set: npm test fetches schema.org\'s context into .cache/schemaorg (see scripts/test.sh)');
  const context = JSON.parse(readFileSync(file, 'utf8'));
  const documentLoader = async (url: string) => {
    if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: undefined, document: context, documentUrl: url };
    throw new Error(`a test loads no remote document (${url})`);
  };
  const quads = (await jsonld.toRDF(doc as any, { documentLoader } as any)) as unknown as any[];
  return quads.map((q) => ({ s: q.subject.value, p: q.predicate.value, o: q.object.value, literal: q.object.termType === 'Literal' }));
}
const objects = (g: Awaited<ReturnType<typeof rdf>>, s: string, p: string) => g.filter((t) => t.s === s && t.p === p).map((t) => t.o);
const one = (g: Awaited<ReturnType<typeof rdf>>, s: string, p: string) => {
  const o = objects(g, s, p);
  if (o.length !== 1) throw new Error(`${s} has ${o.length} values of ${p}: ${o.join(', ')}`);
  return o[0];
};
const ld = async (id: string, token?: string): Promise<any> => (await fetch(`${base}/pid/${id}?format=jsonld`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json();

describe('dataset JSON-LD as RDF', () => {
  test('a published dataset: publisher, licence, free access, ORCID creator, time, units with UN/CEFACT codes, PROV and its downloads', async () => {
    const self = `${base}/pid/${PIDS.clean}`;
    const g = await rdf(await ld(PIDS.clean));
    expect(objects(g, self, RDF_TYPE)).toContain(`${SDO}Dataset`);
    expect(one(g, one(g, self, `${SDO}publisher`), `${SDO}name`)).toBe('Files Facility');
    expect(one(g, self, `${SDO}license`)).toBe('https://spdx.org/licenses/CC-BY-4.0');
    expect(one(g, self, `${SDO}isAccessibleForFree`)).toBe('true');
    expect(one(g, self, `${SDO}creator`)).toBe('https://orcid.org/0000-0002-1825-0097');
    expect(one(g, self, `${SDO}temporalCoverage`)).toBe('2026-04-01T09:00:00.000Z');
    const variables = objects(g, self, `${SDO}variableMeasured`).map((v) => ({ name: one(g, v, `${SDO}name`), unitText: objects(g, v, `${SDO}unitText`)[0], unitCode: objects(g, v, `${SDO}unitCode`)[0] }));
    expect(variables).toEqual(expect.arrayContaining([{ name: 'energy', unitText: 'keV', unitCode: 'B29' }, { name: 'pixelSize', unitText: 'um', unitCode: '4H' }, { name: 'sampleTemperature', unitText: 'K', unitCode: 'KEL' }, { name: 'operator', unitText: undefined, unitCode: undefined }]));
    const activity = one(g, self, `${PROV}wasGeneratedBy`);
    expect(objects(g, activity, RDF_TYPE)).toEqual([`${PROV}Activity`]);
    expect(one(g, one(g, activity, `${PROV}wasAssociatedWith`), `${SDO}name`)).toBe('Files beamline');
    expect(one(g, activity, `${PROV}startedAtTime`)).toBe('2026-04-01T09:00:00.000Z');
    const downloads = objects(g, self, `${SDO}distribution`).map((d) => ({ type: one(g, d, RDF_TYPE), url: one(g, d, `${SDO}contentUrl`), format: one(g, d, `${SDO}encodingFormat`), size: objects(g, d, `${SDO}contentSize`)[0] }));
    const file = (n: string) => `${base}/files/${encodeURIComponent(PIDS.clean)}/${n}`;
    expect(downloads).toEqual([
      { type: `${SDO}DataDownload`, url: file('scan_0001.nxs'), format: 'application/x-hdf5', size: '150000 B' },
      { type: `${SDO}DataDownload`, url: file('frame_00001.cbf'), format: 'application/x-cbf', size: '4096 B' },
      { type: `${SDO}DataDownload`, url: file('sub/stack.tif'), format: 'image/tiff', size: '10000 B' },
      { type: `${SDO}DataDownload`, url: file('notes/read%20me.txt'), format: 'text/plain; charset=utf-8', size: '19 B' },
      { type: `${SDO}DataDownload`, url: `${base}/archives/${encodeURIComponent(PIDS.clean)}.zip`, format: 'application/zip', size: undefined },
      { type: `${SDO}DataDownload`, url: `${base}/archives/${encodeURIComponent(PIDS.clean)}.tar`, format: 'application/x-tar', size: undefined },
    ]);
  });

  test('a derived dataset names its inputs and software in PROV; a private one states its conditions of access; an unmounted one has no distribution', async () => {
    const self = `${base}/pid/${PIDS.derived}`;
    const g = await rdf(await ld(PIDS.derived));
    expect(objects(g, self, `${PROV}wasDerivedFrom`)).toEqual([`${base}/pid/${PIDS.clean}`]);
    const used = objects(g, one(g, self, `${PROV}wasGeneratedBy`), `${PROV}used`);
    expect(used.map((u) => [one(g, u, RDF_TYPE), one(g, u, `${SDO}name`)])).toEqual([[`${PROV}SoftwareAgent`, 'tomopy 1.15']]);
    const secret = await rdf(await ld(PIDS.secret, h.tokens.alice));
    const s = `${base}/pid/${PIDS.secret}`;
    expect(one(secret, s, `${SDO}isAccessibleForFree`)).toBe('false');
    expect(one(secret, s, `${SDO}conditionsOfAccess`)).toMatch(/^Restricted to the members of pA/);
    expect(objects(secret, s, `${SDO}distribution`)).toHaveLength(1 + 2);
    expect(objects(await rdf(await ld(PIDS.unmounted)), `${base}/pid/${PIDS.unmounted}`, `${SDO}distribution`)).toEqual([]);
    // a dataset with a file known to be missing offers its files, but no archive (it would answer 409)
    const messy = await rdf(await ld(PIDS.messy));
    const urls = objects(messy, `${base}/pid/${PIDS.messy}`, `${SDO}distribution`).map((d) => one(messy, d, `${SDO}contentUrl`));
    expect(urls).toEqual([`${base}/files/${encodeURIComponent(PIDS.messy)}/ok.h5`]);
  });

  test('a publication: its DOI, creator ORCID, publisher, licence, and the archive of each dataset whose files are served', async () => {
    const self = `https://doi.org/${DOI}`;
    const g = await rdf(await ld(DOI));
    expect(one(g, self, `${SDO}creator`)).toBe('https://orcid.org/0000-0002-1825-0097');
    expect(one(g, one(g, self, `${SDO}publisher`), `${SDO}name`)).toBe('Files Facility');
    expect(one(g, self, `${SDO}license`)).toBe('https://spdx.org/licenses/CC-BY-4.0');
    const dist = objects(g, self, `${SDO}distribution`);
    expect(dist.map((d) => [one(g, d, `${SDO}contentUrl`), one(g, d, `${SDO}encodingFormat`)])).toEqual([[`${base}/archives/${encodeURIComponent(PIDS.clean)}.zip`, 'application/zip']]);
  });
});

describe('every advertised download answers as advertised', () => {
  const check = async (url: string, type: string, size?: number) => {
    const r = await fetch(url);
    const body = Buffer.from(await r.arrayBuffer());
    expect([url, r.status, r.headers.get('content-type')]).toEqual([url, 200, type]);
    if (size !== undefined) expect([url, Number(r.headers.get('content-length')), body.length]).toEqual([url, size, size]);
  };
  test('JSON-LD distribution: each contentUrl gives 200 with exactly its encodingFormat and contentSize', async () => {
    const doc = await ld(PIDS.clean);
    expect(doc.distribution).toHaveLength(6);
    for (const d of doc.distribution) await check(d.contentUrl, d.encodingFormat, d.contentSize ? Number(/^(\d+) B$/.exec(d.contentSize)![1]) : undefined);
  });

  test('Signposting: each item link of the dataset and the publication gives 200 with exactly its type; the page lists the files', async () => {
    for (const id of [PIDS.clean, DOI]) {
      const page = await fetch(`${base}/pid/${id}`, { headers: { accept: 'text/html' } });
      const items = [...(page.headers.get('link') ?? '').matchAll(/<([^>]+)>; rel="item"; type="([^"]+)"/g)].map((m) => ({ href: m[1], type: m[2] }));
      expect(items.length).toBe(id === DOI ? 1 : 5);
      for (const i of items) await check(i.href, i.type);
      if (id === PIDS.clean) expect(await page.text()).toContain('>notes/read me.txt</a></td><td>19 B</td><td><code>text/plain; charset=utf-8</code>');
    }
  });
});

describe('Linkset (RFC 9264)', () => {
  // RFC 9264, section 4.2: an object whose "linkset" is an array of link context objects; each has an
  // "anchor" and one array of target objects per relation type; a target has "href" and optional target attributes
  const schema = {
    type: 'object', required: ['linkset'], additionalProperties: false,
    properties: {
      linkset: {
        type: 'array', minItems: 1,
        items: {
          type: 'object', required: ['anchor'], properties: { anchor: { type: 'string', format: 'uri' } },
          additionalProperties: {
            type: 'array', minItems: 1,
            items: {
              type: 'object', required: ['href'],
              properties: { href: { type: 'string', format: 'uri-reference' }, type: { type: 'string' }, title: { type: 'string' }, media: { type: 'string' }, hreflang: { type: 'array', items: { type: 'string' } }, 'title*': { type: 'array' } },
              additionalProperties: { type: 'array' },
            },
          },
        },
      },
    },
  };
  test('the JSON form of a dataset and a publication fits the RFC\'s shape and holds every item, author, licence and cite-as', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const valid = ajv.compile(schema);
    for (const [id, items] of [[PIDS.clean, 5], [DOI, 1]] as const) {
      const r = await fetch(`${base}/pid/${id}?format=linkset`);
      expect(r.headers.get('content-type')).toMatch(/^application\/linkset\+json/);
      const doc: any = await r.json();
      expect([id, valid(doc) ? [] : valid.errors]).toEqual([id, []]);
      const [ctx] = doc.linkset;
      expect(ctx.item).toHaveLength(items);
      expect(ctx.author).toEqual([{ href: 'https://orcid.org/0000-0002-1825-0097' }]);
      expect(ctx.license).toEqual([{ href: 'https://spdx.org/licenses/CC-BY-4.0' }]);
      expect(ctx['cite-as']).toHaveLength(1);
    }
  });
});
