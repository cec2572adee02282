// The DOI workflow end to end against the local DataCite server (a real HTTP server enforcing
// DataCite's JSON:API contract): draft → approve → register/publish → hide, refusals, failures and retries.
import { startDataCiteServer, type DataCiteServer } from '../scripts/datacite-server';
import { DataCiteClient } from '../src/doi/datacite.client';
import { GROUP_A, GROUP_B, rawDataset, startHarness, SYSTEM, type Harness } from './helpers/harness';

let h: Harness;
let dc: DataCiteServer;
const DC = { prefix: '10.99999', user: 'CAT.TEST', password: 'test-password' };

const PUB_FIELDS = 'id doi status approvedBy landingPage isPublished doiUrl citation pending { target error } datasets { pid isPublished }';
const CREATE = `mutation($input: PublicationInput!) { createPublication(input: $input) { ${PUB_FIELDS} } }`;
const UPDATE = `mutation($id: String!, $patch: PublicationPatch!) { updatePublication(id: $id, patch: $patch) { ${PUB_FIELDS} } }`;
const step = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${PUB_FIELDS} } }`;
const GET = `query($id: String!) { publication(id: $id) { ${PUB_FIELDS} } }`;

async function dcState(): Promise<any> {
  return (await fetch(`${dc.url}/__test/state`)).json();
}
async function inject(faults: object[]): Promise<void> {
  await fetch(`${dc.url}/__test/faults`, { method: 'POST', body: JSON.stringify(faults) });
}

beforeAll(async () => {
  dc = await startDataCiteServer({ prefixes: [DC.prefix], user: DC.user, password: DC.password, faults: true });
  h = await startHarness('doi', { datacite: { url: dc.url, ...DC, timeoutMs: 400, retries: 1 } });
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: 'instrument/bl-doi', uniqueName: 'BL-DOI', name: 'DOI beamline', ownerGroup: 'facility', isPublished: true });
  for (const pid of ['doi/raw1', 'doi/raw2']) await s.datasets.upsert(SYSTEM, rawDataset(pid, GROUP_A, { instrumentId: 'instrument/bl-doi', keywords: ['lysozyme'] }));
  await s.datasets.upsert(SYSTEM, { ...rawDataset('doi/derived1', GROUP_A, { instrumentId: 'instrument/bl-doi' }), type: 'derived', creationLocation: undefined, inputDatasets: ['doi/raw1', 'doi/raw-elsewhere'], usedSoftware: ['XDS'] });
  await s.datasets.upsert(SYSTEM, rawDataset('doi/b1', GROUP_B));
}, 60_000);

afterAll(async () => {
  await h?.close();
  await dc?.close();
});

const draft = {
  title: 'Lysozyme at 100 K, BL-DOI',
  abstract: 'Diffraction data of hen egg-white lysozyme.',
  datasetPids: ['doi/raw1', 'doi/raw2', 'doi/derived1'],
  ownerGroup: GROUP_A,
  license: 'CC-BY-4.0',
  relatedPublications: [{ identifier: '10.1107/s2059798326000001', identifierType: 'DOI', relationType: 'IsSupplementTo' }],
};

describe('the DOI workflow', () => {
  let id: string;
  let doi: string;

  test('a member of the group writes a draft; other groups and anonymous callers may not', async () => {
    const anon = await h.gql(CREATE, { input: draft });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bob = await h.gql(CREATE, { input: draft }, h.tokens.bob);
    expect(bob.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const r = await h.gql(CREATE, { input: draft }, h.tokens.alice);
    expect(r.errors).toBeUndefined();
    expect(r.data.createPublication).toMatchObject({ status: 'draft', doi: null, approvedBy: null, isPublished: false });
    id = r.data.createPublication.id;
  });

  test('only a steward approves, and a draft missing mandatory properties is refused by name before DataCite is called', async () => {
    const byAlice = await h.gql(step('approvePublication'), { id }, h.tokens.alice);
    expect(byAlice.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const r = await h.gql(step('approvePublication'), { id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const paths = r.errors![0].extensions!.problems.map((p: any) => p.path).sort();
    expect(paths).toEqual(['/creator', '/publicationYear', '/publisher']);
    expect(r.errors![0].message).toMatch(/publisher/);
    expect((await dcState()).counters.requests).toBe(0);
  });

  test('publishing an unapproved draft is refused', async () => {
    await h.gql(UPDATE, { id, patch: { creator: [{ name: 'Curie, Marie', givenName: 'Marie', familyName: 'Curie', orcid: '0000-0002-1825-0097', affiliation: 'Facility' }], publisher: 'Test Facility', publicationYear: 2026 } }, h.tokens.alice);
    const r = await h.gql(step('publishPublication'), { id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(r.errors![0].message).toMatch(/approve it first/);
  });

  test('approval fixes the DOI under the prefix and reserves it at DataCite as a draft', async () => {
    const r = await h.gql(step('approvePublication'), { id }, h.tokens.steward);
    expect(r.errors).toBeUndefined();
    const p = r.data.approvePublication;
    expect(p).toMatchObject({ status: 'draft', approvedBy: 'stella', pending: null });
    expect(p.doi).toMatch(/^10\.99999\/cat\.[0-9a-f]{5}-[0-9a-f]{5}$/);
    doi = p.doi;
    const st = await dcState();
    expect(st.dois[doi].state).toBe('draft');
    expect(st.counters.createdByDoi[doi]).toBe(1);
  });

  test('hide is refused for a draft (DataCite allows it only for findable DOIs)', async () => {
    const r = await h.gql(step('hidePublication'), { id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });

  test('a DataCite outage leaves the publication as it was, with the reason; nothing is published', async () => {
    await inject([{ status: 500 }, { status: 503 }]); // both attempts (retries: 1)
    const r = await h.gql(step('publishPublication'), { id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const p = (await h.gql(GET, { id }, h.tokens.steward)).data.publication;
    expect(p.status).toBe('draft');
    expect(p.pending).toMatchObject({ target: 'findable' });
    expect(p.pending.error).toMatch(/HTTP 503/);
    expect(p.datasets.every((d: any) => !d.isPublished)).toBe(true);
    expect((await dcState()).dois[doi].state).toBe('draft');
  });

  test('a timeout after DataCite committed, then a retry, completes the step and mints exactly once', async () => {
    await inject([{ delayMs: 1500, method: 'PUT' }, { delayMs: 1500, method: 'PUT' }]);
    const failed = await h.gql(step('publishPublication'), { id }, h.tokens.steward);
    expect(failed.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await dcState()).dois[doi].state).toBe('findable'); // DataCite did it; we did not hear back
    expect((await h.gql(GET, { id }, h.tokens.steward)).data.publication.status).toBe('draft');
    await new Promise((r) => setTimeout(r, 1600)); // let the held replies go
    const r = await h.gql(step('publishPublication'), { id }, h.tokens.steward);
    expect(r.errors).toBeUndefined();
    const p = r.data.publishPublication;
    expect(p).toMatchObject({ status: 'findable', pending: null, isPublished: true, doiUrl: `https://doi.org/${doi}` });
    expect(p.landingPage).toBe(`${new URL(h.app.url).origin}/pid/${doi}`);
    expect(p.datasets.map((d: any) => d.isPublished)).toEqual([true, true, true]);
    expect(p.citation).toBe(`Curie, M. (2026). Lysozyme at 100 K, BL-DOI. Test Facility. https://doi.org/${doi}`);
    const st = await dcState();
    expect(st.counters.created).toBe(1);
    expect(st.counters.createdByDoi[doi]).toBe(1);
    expect(st.dois[doi].url).toBe(p.landingPage);
  });

  test('publishing makes the datasets visible to anonymous callers', async () => {
    const r = await h.gql('query { dataset(pid: "doi/raw1") { pid isPublished } }');
    expect(r.data.dataset).toEqual({ pid: 'doi/raw1', isPublished: true });
  });

  test('findable cannot go back with register; hide makes it registered; publish again makes it findable', async () => {
    const back = await h.gql(step('registerPublication'), { id }, h.tokens.steward);
    expect(back.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const hidden = await h.gql(step('hidePublication'), { id }, h.tokens.steward);
    expect(hidden.data.hidePublication.status).toBe('registered');
    expect((await dcState()).dois[doi].state).toBe('registered');
    const again = await h.gql(step('publishPublication'), { id: doi }, h.tokens.steward);
    expect(again.errors).toBeUndefined();
    expect(again.data.publishPublication.status).toBe('findable');
  });

  test('a registered DOI is permanent: its metadata is frozen and it cannot be deleted', async () => {
    const upd = await h.gql(UPDATE, { id, patch: { title: 'Changed' } }, h.tokens.alice);
    expect(upd.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const del = await h.gql('mutation($id: String!) { deletePublication(id: $id) { id } }', { id }, h.tokens.admin);
    expect(del.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(del.errors![0].message).toMatch(/permanent/);
  });

  test('register (without publish) makes a DOI that resolves but is not findable', async () => {
    const c = await h.gql(CREATE, { input: { ...draft, title: 'Registered only', datasetPids: ['doi/raw2'], relatedPublications: [], creator: [{ name: 'Facility' }], publisher: 'Test Facility', publicationYear: 2026 } }, h.tokens.alice);
    const pid = c.data.createPublication.id;
    await h.gql(step('approvePublication'), { id: pid }, h.tokens.steward);
    const r = await h.gql(step('registerPublication'), { id: pid }, h.tokens.steward);
    expect(r.errors).toBeUndefined();
    expect(r.data.registerPublication.status).toBe('registered');
    expect((await dcState()).dois[r.data.registerPublication.doi].state).toBe('registered');
  });
});

describe('links between datasets and papers', () => {
  test('a paper DOI finds the datasets behind it, and a dataset lists its publications and the papers citing it', async () => {
    const r = await h.gql('query { datasetsForWork(identifier: "10.1107/s2059798326000001") { pid } }');
    expect(r.data.datasetsForWork.map((d: any) => d.pid).sort()).toEqual(['doi/derived1', 'doi/raw1', 'doi/raw2']);
    const d = await h.gql('query { dataset(pid: "doi/raw1") { publications { title status } citedBy { identifier relationType } } }');
    expect(d.data.dataset.publications).toEqual([{ title: 'Lysozyme at 100 K, BL-DOI', status: 'findable' }]);
    expect(d.data.dataset.citedBy).toEqual([{ identifier: '10.1107/s2059798326000001', relationType: 'IsSupplementTo' }]);
  });

  test('DataCite metadata carries HasPart, IsCollectedBy and IsDerivedFrom links derived from the records', async () => {
    const [pub] = await h.app.services.publications.findByField(SYSTEM, 'relatedPublications.identifier', ['10.1107/s2059798326000001']);
    const a = await h.app.services.doi.attributes(pub);
    const rel = a.relatedIdentifiers.map((r) => `${r.relationType} ${r.relatedIdentifier}`);
    expect(rel).toEqual(expect.arrayContaining(['IsSupplementTo 10.1107/s2059798326000001', 'HasPart doi/raw1', 'HasPart doi/derived1', 'IsCollectedBy instrument/bl-doi', 'IsDerivedFrom doi/raw-elsewhere']));
    expect(rel).not.toContain('IsDerivedFrom doi/raw1'); // an input inside the same publication is a part, not a source
    expect(a.rightsList[0]).toMatchObject({ rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' });
    expect(a.creators[0].nameIdentifiers?.[0].nameIdentifier).toBe('https://orcid.org/0000-0002-1825-0097');
  });
});

describe('bad input', () => {
  test('a malformed DOI in a draft is named', async () => {
    const r = await h.gql(CREATE, { input: { ...draft, doi: 'doi:10.1/x y' } }, h.tokens.alice);
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(r.errors![0].extensions!.problems.map((p: any) => p.path)).toContain('/doi');
  });

  test('a DOI outside the repository prefix, or a dataset that does not exist, stops approval before DataCite', async () => {
    const before = (await dcState()).counters.requests;
    const c = await h.gql(CREATE, { input: { ...draft, doi: '10.5555/elsewhere.1', creator: [{ name: 'X' }], publisher: 'P', publicationYear: 2026 } }, h.tokens.alice);
    const r = await h.gql(step('approvePublication'), { id: c.data.createPublication.id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(r.errors![0].message).toMatch(/\/doi 10\.5555\/elsewhere\.1 is not under this repository's DataCite prefix 10\.99999/);
    const c2 = await h.gql(CREATE, { input: { ...draft, datasetPids: ['doi/raw1', 'doi/missing'], creator: [{ name: 'X' }], publisher: 'P', publicationYear: 2026 } }, h.tokens.alice);
    const r2 = await h.gql(step('approvePublication'), { id: c2.data.createPublication.id }, h.tokens.steward);
    expect(r2.errors![0].extensions!.problems).toEqual([{ path: '/datasetPids/1', message: 'dataset doi/missing does not exist' }]);
    expect((await dcState()).counters.requests).toBe(before);
  });

  test('callers cannot set workflow fields through the API', async () => {
    const r = await h.gql(CREATE, { input: { ...draft, status: 'findable' } }, h.tokens.alice);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/"status" is not defined by type "PublicationInput"/);
  });

  test('an unknown publication is NOT_FOUND', async () => {
    const r = await h.gql(step('publishPublication'), { id: 'publication/none' }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the DataCite test server enforces the contract', () => {
  const client = () => new DataCiteClient({ url: dc.url, ...DC, timeoutMs: 2000, retries: 0 });

  test('mandatory properties per state come back as 422 with DataCite error objects', async () => {
    const res = await fetch(`${dc.url}/dois`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json', authorization: 'Basic ' + Buffer.from(`${DC.user}:${DC.password}`).toString('base64') },
      body: JSON.stringify({ data: { type: 'dois', attributes: { doi: '10.99999/contract.1', event: 'publish', titles: [{ title: 'T' }] } } }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.errors.map((e: any) => e.source).sort()).toEqual(['creators', 'publicationYear', 'publisher', 'types', 'url']);
    expect(body.errors[0]).toMatchObject({ status: '422', uid: '10.99999/contract.1' });
  });

  test('the client reports refusals with DataCite\'s reasons, and wrong credentials clearly', async () => {
    await expect(client().put('10.99999/contract.2', { titles: [{ title: 'T' }] } as any, 'register')).rejects.toMatchObject({ code: 'DOI_REJECTED', message: expect.stringMatching(/creators: Missing child element/) });
    await client().put('10.99999/contract.3', {} as any);
    await expect(client().put('10.99999/contract.3', {} as any, 'hide')).rejects.toMatchObject({ code: 'DOI_REJECTED', message: expect.stringMatching(/Cannot transition from draft/) });
    const bad = new DataCiteClient({ url: dc.url, ...DC, password: 'wrong', timeoutMs: 2000, retries: 0 });
    await expect(bad.put('10.99999/contract.4', {} as any)).rejects.toMatchObject({ code: 'DOI_REJECTED', message: expect.stringMatching(/credentials/) });
    await expect(client().put('10.12345/not.ours', {} as any)).rejects.toMatchObject({ code: 'DOI_REJECTED', message: expect.stringMatching(/not authorized/) });
  });

  test('a DataCite server that is down is reported as unavailable, naming it', async () => {
    const gone = await startDataCiteServer({ prefixes: [DC.prefix], user: DC.user, password: DC.password });
    await gone.close(); // a port nothing listens on any more
    const down = new DataCiteClient({ url: gone.url, ...DC, timeoutMs: 500, retries: 1 });
    await expect(down.get('10.99999/x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining(`DataCite at ${gone.url} is unavailable: fetch failed (ECONNREFUSED) after 2 attempt(s)`) });
  });

  test('without DataCite settings the server says DOI registration is unavailable', async () => {
    const h2 = await startHarness('doi-off', { datacite: undefined });
    try {
      await h2.app.services.datasets.upsert(SYSTEM, rawDataset('off/1', GROUP_A));
      const c = await h2.gql(CREATE, { input: { ...draft, datasetPids: ['off/1'], creator: [{ name: 'X' }], publisher: 'P', publicationYear: 2026 } }, h2.tokens.alice);
      const r = await h2.gql(step('approvePublication'), { id: c.data.createPublication.id }, h2.tokens.steward);
      expect(r.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.errors![0].message).toMatch(/DATACITE_URL is not configured/);
    } finally {
      await h2.close();
    }
  });
});

describe('blank values are missing (issue 15, kind 4)', () => {
  test('white space alone is refused on write, by JSON path, for every required or identifying text', async () => {
    const blank = [
      [{ ...draft, title: '   ' }, '/title'],
      [{ ...draft, creator: [{ name: ' ' }] }, '/creator/0/name'],
      [{ ...draft, creator: [{ name: 'Curie, Marie' }, { name: '\t\n' }] }, '/creator/1/name'],
      [{ ...draft, publisher: '\u00a0 ' }, '/publisher'],
    ] as const;
    for (const [input, path] of blank) {
      const r = await h.gql(CREATE, { input }, h.tokens.alice);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path, message: 'is blank (white space only): give a value' }] });
    }
    const s = h.app.services;
    const refused = async (fn: () => Promise<unknown>) => (await fn().then(() => null, (e) => e))?.details?.problems?.map((p: any) => `${p.path} ${p.message}`);
    const msg = 'is blank (white space only): give a value';
    expect(await refused(() => s.datasets.upsert(SYSTEM, rawDataset('doi/blank', GROUP_A, { owner: '  ' })))).toEqual([`/owner ${msg}`]);
    expect(await refused(() => s.datasets.upsert(SYSTEM, rawDataset('doi/blank', GROUP_A, { datasetName: ' ', sourceFolder: '\t', keywords: ['ok', ' '], techniques: [{ name: ' ' }] })))).toEqual(
      [`/datasetName ${msg}`, `/keywords/1 ${msg}`, `/sourceFolder ${msg}`, `/techniques/0/name ${msg}`],
    );
    expect(await refused(() => s.instruments.upsert(SYSTEM, { pid: 'instrument/blank', uniqueName: ' ', name: '  ', ownerGroup: 'facility' }))).toEqual([`/name ${msg}`, `/uniqueName ${msg}`]);
    expect(await refused(() => s.proposals.upsert(SYSTEM, { proposalId: 'p-blank', title: '\n', ownerGroup: GROUP_A }))).toEqual([`/title ${msg}`]);
    // ids and groups say so too (their patterns start with a letter or digit)
    expect(await refused(() => s.datasets.upsert(SYSTEM, rawDataset('doi/blank2', ' ')))).toEqual([`/ownerGroup ${msg}`]);
    expect(await refused(() => s.datasets.upsert(SYSTEM, rawDataset('   ', GROUP_A)))).toEqual([`/pid ${msg}`]);
    // where a raw dataset was measured and the software of a derived one are required texts too
    expect(await refused(() => s.datasets.upsert(SYSTEM, rawDataset('doi/blank3', GROUP_A, { creationLocation: '  ' })))).toEqual([`/creationLocation ${msg}`]);
    const derived = { ...rawDataset('doi/blank4', GROUP_A), type: 'derived', inputDatasets: ['doi/x'], usedSoftware: [' '] } as any;
    delete derived.creationLocation;
    expect(await refused(() => s.datasets.upsert(SYSTEM, derived))).toEqual([`/usedSoftware/0 ${msg}`]);
  });

  test('a stored draft with a blank creator or title (written before this check) is refused at approval, by JSON path', async () => {
    const c = await h.gql(CREATE, { input: { ...draft, creator: [{ name: 'Curie, Marie' }], publisher: 'P', publicationYear: 2026 } }, h.tokens.alice);
    const id = c.data.createPublication.id;
    // as an older catalog could have stored it
    await h.db.db.collection('publications').updateOne({ _id: id } as any, { $set: { title: '  ', creator: [{ name: 'Curie, Marie' }, { name: ' ' }], publisher: '\t' } });
    const calls = (await dcState()).counters.requests;
    const r = await h.gql(step('approvePublication'), { id }, h.tokens.steward);
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(r.errors![0].extensions!.problems.map((p: any) => p.path).sort()).toEqual(['/creator/1/name', '/publisher', '/title']);
    expect((await dcState()).counters.requests).toBe(calls); // DataCite was not called
  });
});
