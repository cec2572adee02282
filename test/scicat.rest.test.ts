// SciCat REST (issue 17): the record endpoints over HTTP as SciCat clients meet them: DTO mapping both
// ways (v3 single ids, v4 lists), pids with encoded slashes, loopback filters answered by the read index,
// fullquery/fullfacet/metadataKeys, and SciCat-shaped refusals that name the field, with nothing written.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from './helpers/harness';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness('scicat-rest');
  base = new URL(h.app.url).origin;
}, 60_000);
afterAll(async () => h?.close());

/** Lets the read index catch up with this test's writes (the API itself never waits for it). */
async function settle(): Promise<void> {
  const s = h.app.services.search;
  await s.reads.settle();
  await s.sync.drain().catch(() => undefined);
  s.reads.invalidate();
  await s.backend.es().indices.refresh({ index: s.backend.alias });
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}/api/${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII=';
const raw = (pid: string, extra: Record<string, unknown> = {}) => ({
  pid, type: 'raw', owner: 'Ada', contactEmail: 'ada@facility.example.org', sourceFolder: `/data/${pid}`, creationTime: '2026-11-01T10:00:00Z',
  creationLocation: '/ALS/BL832', principalInvestigator: 'Ada Lovelace', ownerGroup: 'pA', accessGroups: ['bl832'], ...extra,
});

describe('datasets through SciCat REST', () => {
  test('a v3 dataset (single proposalId and sampleId, SciCat-only fields) is stored as the catalog holds it and reads back field for field', async () => {
    const sent = raw('20.500.12269/ALS-1', {
      proposalId: 'p-832', sampleId: 's-1', classification: 'IN=medium,AV=low,CO=low', dataFormat: 'NeXus HDF5', endTime: '2026-11-01T11:00:00Z',
      instrumentGroup: 'bl832', numberOfFilesArchived: 0, packedSize: 0, sharedWith: ['bob@x.org'], sourceFolderHost: 'data832.als', validationStatus: 'ok',
      scientificMetadata: { energy: { value: 25, unit: 'keV' } }, keywords: ['tomography'],
    });
    const made = await call('POST', 'v3/Datasets', h.tokens.ingestorA, sent);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...sent, endTime: '2026-11-01T11:00:00.000Z', creationTime: '2026-11-01T10:00:00.000Z', proposalIds: ['p-832'], sampleIds: ['s-1'], createdBy: 'adapter-a' });
    expect(made.body.datasetlifecycle).toMatchObject({ archivable: true, retrievable: false, isOnCentralDisk: true, archiveStatusMessage: 'datasetCreated' });
    // the same record through GraphQL: the single ids became the catalog's lists, the SciCat fields are there
    const g = await h.gql(`{ dataset(pid: "20.500.12269/ALS-1") { proposalIds sampleIds classification dataFormat endTime instrumentGroup sharedWith sourceFolderHost validationStatus packedSize datasetlifecycle { archivable archiveStatusMessage } } }`, {}, h.tokens.alice);
    expect(g.data?.dataset).toEqual({
      proposalIds: ['p-832'], sampleIds: ['s-1'], classification: 'IN=medium,AV=low,CO=low', dataFormat: 'NeXus HDF5', endTime: '2026-11-01T11:00:00.000Z', instrumentGroup: 'bl832',
      sharedWith: ['bob@x.org'], sourceFolderHost: 'data832.als', validationStatus: 'ok', packedSize: 0, datasetlifecycle: { archivable: true, archiveStatusMessage: 'datasetCreated' },
    });
    // and written through GraphQL, they read back through REST
    const patched = await h.gql(`mutation { updateDataset(pid: "20.500.12269/ALS-1", patch: { relationships: [{ pid: "20.500.12269/ALS-0", relationship: "is continuation of" }], datasetlifecycle: { archivable: false, archiveStatusMessage: "archived" }, runNumber: "42" }) { runNumber } }`, {}, h.tokens.ingestorA);
    expect([patched.errors, patched.data?.updateDataset]).toEqual([undefined, { runNumber: '42' }]);
    const after = await call('GET', 'v3/Datasets/20.500.12269%2FALS-1', h.tokens.alice);
    expect([after.body.relationships, after.body.datasetlifecycle.archivable, after.body.datasetlifecycle.archiveStatusMessage, after.body.runNumber]).toEqual([[{ pid: '20.500.12269/ALS-0', relationship: 'is continuation of' }], false, 'archived', '42']);
    // the pid travels as one encoded path segment, whatever the path's case
    for (const path of ['v3/Datasets/20.500.12269%2FALS-1', 'v4/datasets/20.500.12269%2FALS-1']) {
      const got = await call('GET', path, h.tokens.alice);
      expect([path, got.status, got.body.pid, got.body.proposalId, got.body.proposalIds, got.body.principalInvestigators]).toEqual([path, 200, '20.500.12269/ALS-1', 'p-832', ['p-832'], ['Ada Lovelace']]);
    }
  });

  test('v4 lists (instrumentIds, principalInvestigators) map to the catalog\'s single fields; several are refused, named', async () => {
    const ok = await call('POST', 'v4/datasets', h.tokens.ingestorA, { ...raw('v4/one'), principalInvestigator: undefined, principalInvestigators: ['Grace Hopper'], instrumentIds: ['bl832'] });
    expect([ok.status, ok.body.principalInvestigator, ok.body.instrumentId, ok.body.instrumentIds]).toEqual([201, 'Grace Hopper', 'bl832', ['bl832']]);
    const two = await call('POST', 'v4/datasets', h.tokens.ingestorA, { ...raw('v4/two'), instrumentIds: ['a', 'b'] });
    expect([two.status, two.body.error, two.body.message, two.body.problems]).toEqual([400, 'Bad Request', 'instrumentIds: this catalog records one instrument per dataset (got 2)', [{ path: '/instrumentIds', message: 'instrumentIds: this catalog records one instrument per dataset (got 2)' }]]);
    expect((await call('GET', 'v3/Datasets/v4%2Ftwo', h.tokens.admin)).status).toBe(404);
  });

  test('bad datasets get SciCat 400s naming the client\'s field, and nothing is written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...raw('bad/1'), proposalId: 'not an id!' }, '/proposalId'],
      [{ ...raw('bad/2'), contactEmail: 'nobody' }, '/contactEmail'],
      [{ ...raw('bad/3'), colour: 'blue' }, '/colour'],
      [{ ...raw('bad/4'), history: [{ updatedBy: 'x' }] }, '/history'],
      [{ ...raw('bad/5'), creationTime: 'yesterday' }, '/creationTime'],
      [{ ...raw('bad/6'), datasetlifecycle: { archivable: 'yes' } }, '/datasetlifecycle/archivable'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', 'v3/Datasets', h.tokens.ingestorA, body);
      expect([field, r.status, r.body.statusCode, r.body.error]).toEqual([field, 400, 400, 'Bad Request']);
      expect([field, r.body.problems.map((p: { path: string }) => p.path)]).toEqual([field, expect.arrayContaining([field])]);
      expect((await call('GET', `v3/Datasets/${encodeURIComponent(body.pid as string)}`, h.tokens.admin)).status).toBe(404);
    }
    const anonymous = await call('POST', 'v3/Datasets', undefined, raw('bad/anon'));
    const foreign = await call('POST', 'v3/Datasets', h.tokens.ingestorB, raw('bad/foreign'));
    const notJson = await call('POST', 'v3/Datasets', h.tokens.ingestorA, ['a list']);
    expect([anonymous.status, foreign.status, foreign.body.error, notJson.status, notJson.body.message]).toEqual([401, 403, 'Forbidden', 400, 'the request body must be a JSON object']);
  });

  test('PATCH merges what pyscicat sends (the whole model, pid and type included); a record the caller may not see reads as missing', async () => {
    const made = (await call('POST', 'v3/Datasets', h.tokens.ingestorA, raw('patch/1', { proposalId: 'p-1' }))).body;
    const patched = await call('PATCH', 'v3/Datasets/patch%2F1', h.tokens.ingestorA, { ...made, datasetName: 'renamed', proposalId: 'p-1' });
    expect([patched.status, patched.body.datasetName, patched.body.proposalIds, patched.body.createdAt]).toEqual([200, 'renamed', ['p-1'], made.createdAt]);
    const changeType = await call('PATCH', 'v3/Datasets/patch%2F1', h.tokens.ingestorA, { type: 'derived' });
    expect([changeType.status, changeType.body.problems]).toEqual([400, [{ path: '/type', message: 'cannot be changed once written' }]]);
    for (const token of [h.tokens.bob, h.tokens.ingestorB, undefined]) {
      const r = await call('GET', 'v3/Datasets/patch%2F1', token);
      expect([r.status, r.body.message]).toEqual([404, 'Dataset "patch/1" not found']);
    }
    expect((await call('PATCH', 'v3/Datasets/patch%2F1', h.tokens.ingestorB, { datasetName: 'x' })).status).toBe(404);
    expect((await call('DELETE', 'v3/Datasets/patch%2F1', h.tokens.ingestorB)).status).toBe(404);
    const gone = await call('DELETE', 'v3/Datasets/patch%2F1', h.tokens.ingestorA);
    expect([gone.status, gone.body.pid, (await call('GET', 'v3/Datasets/patch%2F1', h.tokens.admin)).status]).toEqual([200, 'patch/1', 404]);
  });
});

describe('round trips', () => {
  test('a pyscicat-shaped scan costs one MongoDB write for its dataset and five commands for its block (outbox entries aside)', async () => {
    await settle();
    h.resetCommands();
    const made = await call('POST', 'v3/Datasets', h.tokens.ingestorA, raw('trips/1'));
    await settle();
    expect([made.status, h.commands]).toEqual([201, ['insert']]);
    h.resetCommands();
    const block = await call('POST', 'v3/Datasets/trips%2F1/origdatablocks', h.tokens.ingestorA, { size: 3, dataFileList: [{ path: 'a.h5', size: 3 }] });
    await settle();
    // the dataset's access and counters (one read), the block, its dataset's first share, the counters set and read back, the shares read again
    expect([block.status, block.body.ownerGroup, h.commands]).toEqual([201, 'pA', ['find', 'insert', 'insert', 'findAndModify', 'find']]);
  });
});

describe('credentials', () => {
  test('an API key works as a Bearer token (as pyscicat and scitacean send any token) and as X-Api-Key; a revoked one is a 401', async () => {
    const { id, key } = await h.app.services.apiKeys.issue('beamline-832', 'ingestor', ['pA']);
    const made = await call('POST', 'v3/Datasets', key, raw('key/1'));
    expect([made.status, made.body.createdBy]).toEqual([201, 'beamline-832']);
    const viaHeader = await fetch(`${base}/api/v3/Datasets/key%2F1`, { headers: { 'x-api-key': key } });
    expect([viaHeader.status, ((await viaHeader.json()) as any).pid]).toEqual([200, 'key/1']);
    await h.app.services.apiKeys.revoke(id);
    const revoked = await call('GET', 'v3/Datasets/key%2F1', key);
    expect([revoked.status, revoked.body.error]).toEqual([401, 'Unauthorized']);
    const forged = await call('GET', 'v3/Datasets/key%2F1', 'not.a.jwt');
    expect([forged.status, forged.body.statusCode]).toEqual([401, 401]);
  });
});

describe('lists, counts and queries read the index with the caller\'s access rule', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const group = i < 3 ? 'pA' : 'pB';
      const token = i < 3 ? h.tokens.ingestorA : h.tokens.ingestorB;
      const r = await call('POST', 'v3/Datasets', token, raw(`list/${i}`, { ownerGroup: group, accessGroups: [], proposalId: `prop-${group}`, keywords: ['scan', `k${i % 2}`], creationTime: `2026-10-0${i + 1}T00:00:00Z`, scientificMetadata: { energy: { value: 10 + i, unit: 'keV' } } }));
      expect(r.status).toBe(201);
    }
    await settle();
  });

  test('GET Datasets?filter= applies where, order, limit, skip and fields', async () => {
    const f = encodeURIComponent(JSON.stringify({ where: { proposalId: 'prop-pA' }, order: 'creationTime DESC', limit: 2, skip: 1, fields: ['pid', 'creationTime'] }));
    const r = await call('GET', `v3/Datasets?filter=${f}`, h.tokens.alice);
    expect([r.status, r.body]).toEqual([200, [{ pid: 'list/1', creationTime: '2026-10-02T00:00:00.000Z' }, { pid: 'list/0', creationTime: '2026-10-01T00:00:00.000Z' }]]);
    const inq = encodeURIComponent(JSON.stringify({ where: { pid: { inq: ['list/0', 'list/3', 'list/4'] } }, fields: { pid: true } }));
    // alice sees pA only: the pB datasets are not in her list, nor in her count
    expect((await call('GET', `v3/Datasets?filter=${inq}`, h.tokens.alice)).body).toEqual([{ pid: 'list/0' }]);
    expect((await call('GET', `v3/Datasets?filter=${inq}`, h.tokens.admin)).body.map((d: { pid: string }) => d.pid).sort()).toEqual(['list/0', 'list/3', 'list/4']);
    const where = encodeURIComponent(JSON.stringify({ keywords: 'k0' }));
    expect([(await call('GET', `v3/Datasets/count?where=${where}`, h.tokens.alice)).body, (await call('GET', `v3/Datasets/count?where=${where}`, h.tokens.admin)).body]).toEqual([{ count: 2 }, { count: 3 }]);
  });

  test('a filter the catalog cannot answer is a 400 naming the part at fault', async () => {
    const bad: [unknown, string][] = [
      [{ where: { colour: 'blue' } }, 'where.colour'],
      [{ where: { creationTime: { gt: 'last week' } } }, 'where.creationTime.gt'],
      [{ where: { size: { near: 3 } } }, 'where.size'],
      [{ order: 'colour DESC' }, 'order'],
      [{ limit: 5000 }, 'limit'],
      [{ skip: 9999, limit: 10 }, 'skip'],
    ];
    for (const [filter, field] of bad) {
      const r = await call('GET', `v3/Datasets?filter=${encodeURIComponent(JSON.stringify(filter))}`, h.tokens.alice);
      expect([field, r.status, r.body.problems?.[0]?.path]).toEqual([field, 400, field]);
    }
    const notJson = await call('GET', 'v3/Datasets?filter=%7Bwhere', h.tokens.alice);
    expect([notJson.status, notJson.body.message]).toEqual([400, expect.stringMatching(/^filter is not a JSON object: /)]);
  });

  test('fullquery, fullfacet and metadataKeys answer what the caller may see', async () => {
    const fields = encodeURIComponent(JSON.stringify({ keywords: ['scan'], scientific: [{ lhs: 'energy', relation: 'GREATER_THAN', rhs: 10500, unit: 'eV' }] }));
    const q = await call('GET', `v3/Datasets/fullquery?fields=${fields}&limits=${encodeURIComponent(JSON.stringify({ limit: 10, skip: 0, order: 'creationTime:asc' }))}`, h.tokens.alice);
    expect([q.status, q.body.map((d: { pid: string }) => d.pid)]).toEqual([200, ['list/1', 'list/2']]);
    expect(q.body[0]).toMatchObject({ pid: 'list/1', proposalId: 'prop-pA', scientificMetadata: { energy: { value: 11, unit: 'keV' } } });
    const facets = await call('GET', `v3/Datasets/fullfacet?fields=${encodeURIComponent(JSON.stringify({ keywords: ['scan'] }))}&facets=${encodeURIComponent(JSON.stringify(['keywords', 'ownerGroup']))}`, h.tokens.alice);
    expect(facets.body).toEqual([{ all: [{ totalSets: 3 }], keywords: expect.arrayContaining([{ _id: 'scan', count: 3 }, { _id: 'k0', count: 2 }, { _id: 'k1', count: 1 }]), ownerGroup: [{ _id: 'pA', count: 3 }] }]);
    const keys = await call('GET', 'v3/Datasets/metadataKeys', h.tokens.bob);
    expect(keys.body).toEqual(['energy']);
    const badRelation = await call('GET', `v3/Datasets/fullquery?fields=${encodeURIComponent(JSON.stringify({ scientific: [{ lhs: 'energy', relation: 'ABOUT', rhs: 1 }] }))}`, h.tokens.alice);
    const badFacet = await call('GET', `v3/Datasets/fullfacet?facets=${encodeURIComponent(JSON.stringify(['colour']))}`, h.tokens.alice);
    expect([badRelation.status, badRelation.body.problems[0].path, badFacet.status, badFacet.body.problems[0].path]).toEqual([400, 'fields.scientific[0].relation', 400, 'facets']);
  });
});

describe('the OpenAPI document and Swagger UI', () => {
  test('openapi.json is a valid OpenAPI 3.1 document (checked by swagger-parser) listing every route the router serves', async () => {
    const r = await fetch(`${base}/api/v3/openapi.json`);
    const doc = (await r.json()) as any;
    expect([r.status, doc.openapi]).toEqual([200, '3.1.0']);
    // swagger-parser is ESM inside, which jest cannot load: it validates in a node process of its own
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const check = "require('@apidevtools/swagger-parser').validate(process.argv[1]).then(() => console.log('valid'), (e) => { console.log(e.message); process.exit(1); })";
    const out = await promisify(execFile)(process.execPath, ['-e', check, file], { encoding: 'utf8' }).catch((e) => e);
    expect(out.stdout.trim()).toBe('valid');
    const { restRoutes } = await import('../src/scicat');
    const served = restRoutes({ catalog: h.app.services, search: h.app.services.search.service }).flatMap((rt) => rt.versions.map((v) => `${rt.method} /${v}${rt.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    expect(doc.paths['/v3/Datasets'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/dataset_create' });
    expect(doc.components.schemas.dataset_create.required).not.toContain('pid');
    expect(doc.components.schemas.dataset.properties.datasetlifecycle.properties.archivable).toEqual({ type: 'boolean' });
  });

  test('Swagger UI is served from this machine at /api/v3/explorer, with no address outside it', async () => {
    const page = await fetch(`${base}/api/v3/explorer`);
    const html = await page.text();
    expect([page.status, page.url.endsWith('/api/v3/explorer/'), html.includes('swagger-ui-bundle.js')]).toEqual([200, true, true]);
    const init = await (await fetch(`${base}/api/v3/explorer/swagger-initializer.js`)).text();
    expect(init).toContain("url: '../openapi.json'");
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-standalone-preset.js']) {
      const a = await fetch(`${base}/api/v3/explorer/${asset}`);
      expect([asset, a.status]).toEqual([asset, 200]);
    }
    expect(html + init).not.toMatch(/https?:\/\//);
  });
});

describe('samples, proposals, instruments, published data, blocks and attachments', () => {
  test('SciCat spellings map both ways: MeasurementPeriodList, pidArray, creator names, relationships', async () => {
    const prop = await call('POST', 'v3/Proposals', h.tokens.ingestorA, { proposalId: 'als-2026-1', title: 'Bones', email: 'pi@x.org', ownerGroup: 'pA', MeasurementPeriodList: [{ instrument: 'bl832', start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }] });
    expect([prop.status, prop.body.measurementPeriodList?.[0]?.instrument, prop.body.MeasurementPeriodList?.[0]?.instrument]).toEqual([201, 'bl832', 'bl832']);
    const sample = await call('POST', 'v4/samples', h.tokens.ingestorA, { sampleName: 'femur slice', ownerGroup: 'pA', parentSampleId: 'bone-1', type: 'tissue', proposalId: 'als-2026-1' });
    expect([sample.status, sample.body.sampleName, typeof sample.body.sampleId]).toEqual([201, 'femur slice', 'string']);
    const ds = await call('POST', 'v3/Datasets', h.tokens.ingestorA, raw('pub/ds1'));
    const pub = await call('POST', 'v3/PublishedData', h.tokens.ingestorA, { title: 'Bone data', creator: ['Ada Lovelace'], pidArray: ['pub/ds1'], affiliation: 'ALS', dataDescription: 'https://als.example.org/bones', publisher: 'ALS', publicationYear: 2026, abstract: 'Scans', resourceType: 'raw data', ownerGroup: 'pA' });
    expect([ds.status, pub.status, pub.body.pidArray, pub.body.datasetPids, pub.body.creator, pub.body.creators, pub.body.affiliation, pub.body.status]).toEqual([201, 201, ['pub/ds1'], ['pub/ds1'], ['Ada Lovelace'], [{ name: 'Ada Lovelace' }], 'ALS', 'draft']);
    const att = await call('POST', 'v4/attachments', h.tokens.ingestorA, { caption: 'projection', ownerGroup: 'pA', thumbnail: PNG, relationships: [{ targetId: 'pub/ds1', targetType: 'dataset', relationType: 'is attached to' }] });
    expect([att.status, att.body.datasetId, att.body.aid, att.body.relationships]).toEqual([201, 'pub/ds1', att.body.id, [{ targetId: 'pub/ds1', targetType: 'dataset', relationType: 'is attached to' }]]);
  });

  test('bad input to each entity is a 400 naming the field, and nothing is written', async () => {
    const cases: [string, unknown, string][] = [
      ['v3/Samples', { sampleId: 'bad sample id', ownerGroup: 'pA' }, '/sampleId'],
      ['v3/Proposals', { proposalId: 'p-bad', ownerGroup: 'pA', MeasurementPeriodList: [{ start: 'soon' }] }, '/MeasurementPeriodList/0/start'],
      ['v3/Instruments', { pid: 'inst-bad', name: 'X' }, '/ownerGroup'],
      ['v3/PublishedData', { title: 'T', pidArray: 'pub/ds1', ownerGroup: 'pA' }, '/pidArray'],
      ['v3/Datasets/pub%2Fds1/origdatablocks', { size: 1, dataFileList: [{ size: 1 }] }, '/dataFileList/0/path'],
      ['v3/Datasets/pub%2Fds1/attachments', { caption: 'x', thumbnail: 'http://evil.example/x.png' }, '/thumbnail'],
      ['v4/attachments', { caption: 'x', thumbnail: PNG, relationships: [{ targetId: 'pub/ds1', targetType: 'instrument' }] }, '/relationships/0/targetType'],
    ];
    for (const [route, body, field] of cases) {
      const r = await call('POST', route, route.includes('Instruments') ? h.tokens.admin : h.tokens.ingestorA, body);
      expect([route, r.status, r.body.error, r.body.problems?.map((p: { path: string }) => p.path)]).toEqual([route, 400, 'Bad Request', expect.arrayContaining([field])]);
    }
    await settle();
    const counts = await Promise.all(['v3/Samples', 'v3/Instruments', 'v3/Attachments'].map((r) => call('GET', `${r}/count`, h.tokens.admin)));
    expect(counts.map((c) => c.body.count)).toEqual([1, 0, 1]);
    // a block for a dataset the caller may not see reads as a missing dataset
    const hidden = await call('POST', 'v3/Datasets/pub%2Fds1/origdatablocks', h.tokens.ingestorB, { size: 1, dataFileList: [{ path: 'a', size: 1 }] });
    expect([hidden.status, hidden.body.message]).toEqual([404, 'Dataset "pub/ds1" not found']);
  });
});
