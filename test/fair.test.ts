// Landing pages (HTML + JSON-LD, content negotiation, Signposting) and OAI-PMH, checked against the
// DataCite kernel-4.5 and OAI-PMH 2.0 XML Schemas with xmllint.
import { GROUP_A, GROUP_B, rawDataset, startHarness, SYSTEM, type Harness } from './helpers/harness';
import { parseXml, resourcesIn, XSD, xmlProblems } from './helpers/xml';

let h: Harness;
let base: string;
const DOI = '10.99999/fair.lysozyme';
const REPO = 'catalog.facility.example';
const PAGE = 5;
let secondBatchFrom: string;

const published = Array.from({ length: 12 }, (_, i) => `fair/pub-${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  h = await startHarness('fair', { oaiPageSize: PAGE });
  base = new URL(h.app.url).origin;
  const s = h.app.services;
  await s.instruments.upsert(SYSTEM, { pid: 'instrument/bl-fair', uniqueName: 'BL-FAIR', name: 'FAIR beamline', ownerGroup: 'facility', isPublished: true });
  await s.datasets.upsertMany(SYSTEM, published.slice(0, 8).map((pid) => rawDataset(pid, GROUP_A, { instrumentId: 'instrument/bl-fair', isPublished: true, keywords: ['lysozyme'], description: `Scan ${pid} <with> "markup" & such` })));
  await s.datasets.upsert(SYSTEM, rawDataset('fair/private', GROUP_A, { instrumentId: 'instrument/bl-fair' }));
  await s.datasets.upsert(SYSTEM, rawDataset('fair/other', GROUP_B, { isPublished: true }));
  await s.origDatablocks.addFiles(SYSTEM, published[0], [{ path: '/data/a.h5', size: 2_000_000 }, { path: '/data/b.h5', size: 3_000_000 }], { startChunk: 0 });
  await s.publications.upsert(SYSTEM, {
    id: DOI, doi: DOI, title: 'Lysozyme at 100 K', abstract: 'Hen egg-white lysozyme, 12.4 keV.', creator: [{ name: 'Curie, Marie', givenName: 'Marie', familyName: 'Curie', orcid: '0000-0002-1825-0097', affiliation: 'Facility' }],
    publisher: 'Test Facility', publicationYear: 2026, license: 'CC-BY-4.0', datasetPids: [published[0], published[1]], ownerGroup: GROUP_A, isPublished: true, status: 'findable',
    relatedPublications: [{ identifier: '10.1107/s0000000000000001', identifierType: 'DOI', relationType: 'IsSupplementTo' }],
  });
  await s.publications.upsert(SYSTEM, { id: 'fair/draft-pub', title: 'Not yet', datasetPids: [published[2]], ownerGroup: GROUP_A });
  // a second batch, a second later: selective harvesting by date separates them
  await new Promise((r) => setTimeout(r, 1100));
  secondBatchFrom = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await new Promise((r) => setTimeout(r, 50));
  await s.datasets.upsertMany(SYSTEM, published.slice(8).map((pid) => rawDataset(pid, GROUP_A, { isPublished: true })));
  // OAI-PMH lists read the index, which shows writes within its refresh interval
  await s.search.reads.settle();
}, 60_000);

afterAll(async () => h?.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', link: res.headers.get('link') ?? '', vary: res.headers.get('vary') ?? '', body: await res.text() };
}

describe('landing pages', () => {
  test('a DOI has an HTML page with its title, creators, abstract, datasets, files, citation and licence, and schema.org JSON-LD', async () => {
    const r = await get(`/pid/${DOI}`, { accept: 'text/html' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/text\/html/);
    for (const text of ['Lysozyme at 100 K', 'Curie, Marie', 'Hen egg-white lysozyme, 12.4 keV.', published[0], published[1], '2 datasets, 2 files, 5.0 MB', 'Licence: CC-BY-4.0', `Curie, M. (2026). Lysozyme at 100 K. Test Facility. https://doi.org/${DOI}`]) {
      expect(r.body).toContain(text);
    }
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(r.body)![1]);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Dataset', '@id': `https://doi.org/${DOI}`, name: 'Lysozyme at 100 K',
      creator: [{ '@type': 'Person', '@id': 'https://orcid.org/0000-0002-1825-0097', name: 'Curie, Marie' }],
      license: 'https://spdx.org/licenses/CC-BY-4.0', publisher: { name: 'Test Facility' }, citation: ['https://doi.org/10.1107/s0000000000000001'],
    });
    expect(ld.hasPart.map((p: any) => p.identifier)).toEqual([published[0], published[1]]);
  });

  test('text in records is escaped, in the page and in its JSON-LD', async () => {
    const r = await get(`/pid/${published[0]}`);
    expect(r.body).toContain('Scan fair/pub-00 &lt;with&gt; &quot;markup&quot; &amp; such');
    expect(r.body).not.toContain('<with>');
  });

  test('FAIR Signposting: cite-as, describedby per format, type, license, author and item links', async () => {
    const r = await get(`/pid/${DOI}`);
    const self = `${base}/pid/${DOI}`;
    for (const l of [
      `<https://doi.org/${DOI}>; rel="cite-as"`,
      `<${self}?format=datacite-xml>; rel="describedby"; type="application/vnd.datacite.datacite+xml"`,
      `<${self}?format=datacite-json>; rel="describedby"; type="application/vnd.datacite.datacite+json"`,
      `<${self}?format=jsonld>; rel="describedby"; type="application/ld+json"`,
      '<https://schema.org/Dataset>; rel="type"',
      '<https://schema.org/AboutPage>; rel="type"',
      '<https://spdx.org/licenses/CC-BY-4.0>; rel="license"',
      '<https://orcid.org/0000-0002-1825-0097>; rel="author"',
      `<${base}/pid/${published[0]}>; rel="item"; type="text/html"`,
      `<${self}?format=linkset>; rel="linkset"; type="application/linkset+json"`,
      `<${self}?format=linkset-text>; rel="linkset"; type="application/linkset"`,
    ]) expect(r.link.split(', ')).toContain(l);
    expect(r.vary).toMatch(/Accept/);
  });

  test('the Linkset (RFC 9264) holds the same links in JSON and in link format, by ?format= and by Accept', async () => {
    const self = `${base}/pid/${DOI}`;
    const page = await get(`/pid/${DOI}`);
    const header = page.link.split(', ').filter((l: string) => !/rel="linkset"/.test(l));
    const js = await get(`/pid/${DOI}?format=linkset`);
    expect(js.type).toMatch(/^application\/linkset\+json/);
    const [ctx] = JSON.parse(js.body).linkset;
    expect(ctx.anchor).toBe(self);
    expect(ctx['cite-as']).toEqual([{ href: `https://doi.org/${DOI}` }]);
    expect(ctx.author).toEqual([{ href: 'https://orcid.org/0000-0002-1825-0097' }]);
    expect(ctx.item).toEqual(expect.arrayContaining([{ href: `${base}/pid/${published[0]}`, type: 'text/html' }]));
    // every link of the page's header is in the linkset, and nothing else
    const fromJson = Object.entries(ctx).filter(([k]) => k !== 'anchor').flatMap(([rel, ts]) => (ts as { href: string; type?: string }[]).map((t) => `<${t.href}>; rel="${rel}"${t.type ? `; type="${t.type}"` : ''}`));
    expect(fromJson.sort()).toEqual([...header].sort());
    const txt = await get(`/pid/${DOI}`, { accept: 'application/linkset' });
    expect(txt.type).toMatch(/^application\/linkset/);
    expect(txt.body.trim().split(',\n').sort()).toEqual(header.map((l: string) => `${l}; anchor="${self}"`).sort());
  });

  test('content negotiation gives JSON-LD, DataCite JSON and DataCite XML valid against kernel 4.5', async () => {
    const ld = await get(`/pid/${DOI}`, { accept: 'application/ld+json' });
    expect(ld.type).toMatch(/application\/ld\+json/);
    expect(JSON.parse(ld.body)['@id']).toBe(`https://doi.org/${DOI}`);
    expect(ld.link).toBe(`<${base}/pid/${DOI}>; rel="describes"; type="text/html"`);

    const js = await get(`/pid/${DOI}`, { accept: 'application/vnd.datacite.datacite+json' });
    const attrs = JSON.parse(js.body).data.attributes;
    expect(attrs).toMatchObject({ doi: DOI, url: `${base}/pid/${DOI}`, publisher: 'Test Facility', publicationYear: 2026, types: { resourceTypeGeneral: 'Dataset' }, titles: [{ title: 'Lysozyme at 100 K' }] });

    const xml = await get(`/pid/${DOI}?format=datacite-xml`);
    expect(xml.type).toMatch(/application\/vnd\.datacite\.datacite\+xml/);
    expect(xmlProblems(xml.body, XSD.datacite)).toBe('');
    const res = parseXml(xml.body).resource;
    expect(res.identifier[0]).toMatchObject({ '#text': DOI.toUpperCase(), '@identifierType': 'DOI' });
    expect(res.creators.creator[0].nameIdentifier['#text']).toBe('https://orcid.org/0000-0002-1825-0097');
    expect(res.relatedIdentifiers.relatedIdentifier.map((r: any) => `${r['@relationType']} ${r['#text']}`)).toEqual(
      expect.arrayContaining(['IsSupplementTo 10.1107/s0000000000000001', `HasPart ${published[0]}`, 'IsCollectedBy instrument/bl-fair']),
    );
  });

  test('a dataset page has JSON-LD and lists the DOI it is part of; DataCite formats need a DOI', async () => {
    const r = await get(`/pid/${published[0]}`, { accept: 'application/ld+json' });
    const ld = JSON.parse(r.body);
    expect(ld).toMatchObject({ '@type': 'Dataset', identifier: published[0], isPartOf: [{ '@id': `https://doi.org/${DOI}` }], size: '2 files, 5000000 bytes' });
    const xml = await get(`/pid/${published[0]}?format=datacite-xml`);
    expect(xml.status).toBe(406);
    expect(xml.body).toMatch(/format datacite-xml is not available for this record; available: html, jsonld, linkset, linkset-text/);
  });

  test('a dataset page signposts its owner\'s ORCID iD as author, its licence and itself as cite-as', async () => {
    // unpublished (read by its group), so the OAI-PMH tests below see the same published set
    await h.app.services.datasets.upsert(SYSTEM, rawDataset('fair/with-orcid', GROUP_A, { orcidOfOwner: '0000-0002-1825-0097', license: 'CC0-1.0' }));
    const r = await get('/pid/fair/with-orcid', { authorization: `Bearer ${h.tokens.alice}` });
    expect(r.status).toBe(200);
    expect(r.link.split(', ')).toEqual(expect.arrayContaining([`<${base}/pid/fair/with-orcid>; rel="cite-as"`, '<https://orcid.org/0000-0002-1825-0097>; rel="author"', '<https://spdx.org/licenses/CC0-1.0>; rel="license"']));
  });

  test('dataset JSON-LD: publisher, access, temporal coverage, metadata as variableMeasured with units, and PROV-O (issue 19)', async () => {
    const s = h.app.services;
    // unpublished (read by its group), so the OAI-PMH tests below see the same published set
    await s.datasets.upsert(SYSTEM, rawDataset('fair/prov-raw', GROUP_A, { instrumentId: 'instrument/bl-fair', creationTime: '2026-03-01T08:00:00Z', scientificMetadata: { energy: { value: 12.4, unit: 'keV' }, detector: { distance: { value: 250, unit: 'mm' }, name: 'Eiger' } } }));
    await s.datasets.upsert(SYSTEM, { ...rawDataset('fair/prov-derived', GROUP_A, { creationTime: '2026-03-02T08:00:00Z' }), type: 'derived', creationLocation: undefined, inputDatasets: ['fair/prov-raw'], usedSoftware: ['xds 2024'] });
    const open = JSON.parse((await get(`/pid/${published[0]}`, { accept: 'application/ld+json' })).body);
    expect(open).toMatchObject({ publisher: { '@type': 'Organization', url: base }, isAccessibleForFree: true });
    expect(open.conditionsOfAccess).toBeUndefined();
    const raw = JSON.parse((await get('/pid/fair/prov-raw', { accept: 'application/ld+json', authorization: `Bearer ${h.tokens.alice}` })).body);
    expect(raw).toMatchObject({
      publisher: { '@type': 'Organization', url: base },
      isAccessibleForFree: false,
      temporalCoverage: '2026-03-01T08:00:00.000Z',
      'prov:wasGeneratedBy': { '@type': 'prov:Activity', name: 'acquisition', 'prov:wasAssociatedWith': { identifier: 'instrument/bl-fair', name: 'FAIR beamline' }, 'prov:startedAtTime': '2026-03-01T08:00:00.000Z' },
    });
    expect(raw['@context']).toEqual(['https://schema.org', { prov: 'http://www.w3.org/ns/prov#' }]);
    expect(raw.variableMeasured).toEqual([
      { '@type': 'PropertyValue', name: 'energy', value: 12.4, unitText: 'keV', unitCode: 'B29' },
      { '@type': 'PropertyValue', name: 'detector.distance', value: 250, unitText: 'mm', unitCode: 'MMT' },
      { '@type': 'PropertyValue', name: 'detector.name', value: 'Eiger' },
    ]);
    // an unpublished, derived dataset (seen by its group): its conditions of access, its input and its software
    const derived = JSON.parse((await get('/pid/fair/prov-derived', { accept: 'application/ld+json', authorization: `Bearer ${h.tokens.alice}` })).body);
    expect(derived).toMatchObject({
      isAccessibleForFree: false,
      conditionsOfAccess: expect.stringContaining(GROUP_A),
      'prov:wasDerivedFrom': [{ '@id': `${base}/pid/fair/prov-raw` }],
      'prov:wasGeneratedBy': { name: 'processing', 'prov:used': [{ '@type': 'prov:SoftwareAgent', name: 'xds 2024' }] },
    });
  });

  test('unpublished records are not served to anonymous callers, but are to their group', async () => {
    expect((await get('/pid/fair/private')).status).toBe(404);
    expect((await get('/pid/fair/draft-pub')).status).toBe(404);
    expect((await get('/pid/fair/private', { authorization: `Bearer ${h.tokens.alice}` })).status).toBe(200);
    expect((await get('/pid/fair/private', { authorization: `Bearer ${h.tokens.bob}` })).status).toBe(404);
  });

  test('bad input: unknown and malformed identifiers, unknown formats, unacceptable Accept, bad tokens', async () => {
    const unknown = await get('/pid/10.99999/does.not.exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('No published record has the identifier 10.99999/does.not.exist');
    expect((await get('/pid/%3Cscript%3E')).status).toBe(404);
    const fmt = await get(`/pid/${DOI}?format=marc21`);
    expect(fmt.status).toBe(406);
    expect(fmt.body).toMatch(/unknown format "marc21"; use one of html, jsonld, datacite-json, datacite-xml, linkset, linkset-text/);
    expect((await get(`/pid/${DOI}`, { accept: 'image/png' })).status).toBe(406);
    const bad = await get(`/pid/${DOI}`, { authorization: 'Bearer nonsense' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatch(/^UNAUTHENTICATED: /);
  });
});

describe('OAI-PMH', () => {
  async function oai(query: string, method: 'GET' | 'POST' = 'GET') {
    const res = method === 'GET' ? await fetch(`${base}/oai?${query}`) : await fetch(`${base}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query });
    const body = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(xmlProblems(body, XSD.oaiPmh)).toBe('');
    return { status: res.status, body, doc: parseXml(body)['OAI-PMH'] };
  }
  async function harvest(first: string): Promise<{ ids: string[]; pages: number; records: any[]; bodies: string[] }> {
    const verb = /verb=(\w+)/.exec(first)![1];
    let r = await oai(first);
    const ids: string[] = [];
    const records: any[] = [];
    const bodies: string[] = [];
    let pages = 0;
    for (;;) {
      pages++;
      bodies.push(r.body);
      const list = r.doc[verb];
      const headers = verb === 'ListIdentifiers' ? list.header : list.record.map((x: any) => x.header[0]);
      if (verb === 'ListRecords') records.push(...list.record);
      ids.push(...headers.map((x: any) => x.identifier[0]));
      const token = list.resumptionToken;
      const text = typeof token === 'object' ? token['#text'] : token;
      if (!text) break;
      r = await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(text)}`);
    }
    return { ids, pages, records, bodies };
  }
  const oaiId = (id: string) => `oai:${REPO}:${id}`;
  const allPublished = [...published, 'fair/other'];

  test('Identify', async () => {
    const r = await oai('verb=Identify');
    expect(r.doc.Identify).toMatchObject({ baseURL: `${base}/oai`, protocolVersion: '2.0', deletedRecord: 'transient', granularity: 'YYYY-MM-DDThh:mm:ssZ' });
    expect(r.doc.Identify.earliestDatestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  test('ListMetadataFormats, for the repository and per item', async () => {
    const all = await oai('verb=ListMetadataFormats');
    expect(all.doc.ListMetadataFormats.metadataFormat.map((f: any) => f.metadataPrefix)).toEqual(['oai_dc', 'oai_datacite']);
    const ds = await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(oaiId(published[3]))}`);
    expect(ds.doc.ListMetadataFormats.metadataFormat.map((f: any) => f.metadataPrefix)).toEqual(['oai_dc']);
  });

  test('ListSets', async () => {
    const r = await oai('verb=ListSets');
    expect(r.doc.ListSets.set.map((s: any) => s.setSpec[0])).toEqual(['datasets', 'publications', 'instrument:BL-FAIR']);
  });

  test('ListIdentifiers pages through more items than one page holds, each exactly once', async () => {
    const { ids, pages } = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const expected = [...allPublished.map(oaiId), oaiId(DOI)];
    expect(ids.sort()).toEqual(expected.sort());
    expect(pages).toBe(Math.ceil(expected.length / PAGE));
  });

  test('ListRecords in oai_dc and oai_datacite; every DataCite payload is valid kernel 4.5', async () => {
    const dc = await harvest('verb=ListRecords&metadataPrefix=oai_dc');
    expect(dc.ids).toHaveLength(allPublished.length + 1);
    const rec = dc.records.find((x) => x.header[0].identifier[0] === oaiId(published[0]));
    expect(rec.metadata.dc).toMatchObject({ title: [`dataset ${published[0]}`], type: 'Dataset' });
    expect(rec.header[0].setSpec).toEqual(['datasets', 'instrument:BL-FAIR']);
    const dcite = await harvest('verb=ListRecords&metadataPrefix=oai_datacite');
    expect(dcite.ids).toEqual([oaiId(DOI)]);
    const payloads = dcite.bodies.flatMap(resourcesIn);
    expect(payloads).toHaveLength(1);
    expect(xmlProblems(payloads[0], XSD.datacite)).toBe('');
  });

  test('selective harvesting by set and by from/until', async () => {
    const inst = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc&set=instrument:BL-FAIR');
    expect(inst.ids.sort()).toEqual(published.slice(0, 8).map(oaiId).sort());
    const later = await harvest(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${secondBatchFrom}`);
    expect(later.ids.sort()).toEqual(published.slice(8).map(oaiId).sort());
    const earlier = await harvest(`verb=ListIdentifiers&metadataPrefix=oai_dc&set=datasets&until=${new Date(Date.parse(secondBatchFrom) - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    expect(earlier.ids.sort()).toEqual([...published.slice(0, 8), 'fair/other'].map(oaiId).sort());
    const post = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=publications', 'POST');
    expect(post.doc.ListIdentifiers.header.map((x: any) => x.identifier[0])).toEqual([oaiId(DOI)]);
  });

  test('GetRecord by DOI, in both formats', async () => {
    const r = await oai(`verb=GetRecord&identifier=${encodeURIComponent(oaiId(DOI))}&metadataPrefix=oai_datacite`);
    expect(r.doc.GetRecord.record[0].header[0].setSpec).toEqual(['publications']);
    expect(xmlProblems(resourcesIn(r.body)[0], XSD.datacite)).toBe('');
    const d = await oai(`verb=GetRecord&identifier=${encodeURIComponent(oaiId(DOI))}&metadataPrefix=oai_dc`);
    expect(d.doc.GetRecord.record[0].metadata.dc.identifier).toContain(`https://doi.org/${DOI}`);
  });

  test('a deleted published dataset stays as a deleted header', async () => {
    await h.app.services.datasets.remove(SYSTEM, published[11]);
    await h.app.services.search.reads.settle();
    const r = await oai(`verb=GetRecord&identifier=${encodeURIComponent(oaiId(published[11]))}&metadataPrefix=oai_dc`);
    expect(r.doc.GetRecord.record[0].header[0]['@status']).toBe('deleted');
    expect(r.doc.GetRecord.record[0].metadata).toBeUndefined();
    const { ids } = await harvest(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${secondBatchFrom}`);
    // once, as the tombstone: the index no longer lists it as a live record
    expect(ids.filter((x) => x === oaiId(published[11]))).toHaveLength(1);
  });

  test('unpublished records are not in the repository', async () => {
    const r = await oai(`verb=GetRecord&identifier=${encodeURIComponent(oaiId('fair/private'))}&metadataPrefix=oai_dc`);
    expect(r.doc.error[0]['@code']).toBe('idDoesNotExist');
  });

  test.each([
    ['', 'badVerb', /verb argument is missing/],
    ['verb=Harvest', 'badVerb', /Harvest is not an OAI-PMH verb/],
    ['verb=Identify&verb=Identify', 'badVerb', /repeated/],
    ['verb=Identify&extra=1', 'badArgument', /Identify does not take the argument extra/],
    ['verb=ListRecords', 'badArgument', /requires the argument metadataPrefix/],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument', /metadataPrefix is repeated/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-45', 'badArgument', /from=2026-13-45 is not a valid date/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument', /not a date at the repository's granularity/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-02-01T00:00:00Z', 'badArgument', /same granularity/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-01&until=2026-01-01', 'badArgument', /from is later than until/],
    ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument', /exclusive argument/],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=instrument:NOPE', 'badArgument', /there is no set instrument:NOPE/],
    ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken', /not one this repository issued/],
    ['verb=ListSets&resumptionToken=x', 'badResumptionToken', /nothing to resume/],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat', /marc21 is not supported/],
    [`verb=GetRecord&identifier=${encodeURIComponent(`oai:${REPO}:fair/pub-03`)}&metadataPrefix=oai_datacite`, 'cannotDisseminateFormat', /not available as oai_datacite/],
    ['verb=GetRecord&identifier=oai:elsewhere.org:1&metadataPrefix=oai_dc', 'idDoesNotExist', /not an identifier of this repository/],
    [`verb=ListMetadataFormats&identifier=${encodeURIComponent(`oai:${REPO}:nothing/here`)}`, 'idDoesNotExist', /unknown or not published/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01', 'noRecordsMatch', /no items match/],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=9999-12-31', 'noRecordsMatch', /no items match/],
    ['verb=ListRecords&resumptionToken=', 'badResumptionToken', /not one this repository issued/],
  ])('%s → %s', async (query, code, message) => {
    const r = await oai(query);
    expect(r.status).toBe(200);
    expect(r.doc.error[0]['@code']).toBe(code);
    expect(r.doc.error[0]['#text']).toMatch(message);
    if (code === 'badVerb' || code === 'badArgument') expect(r.doc.request).toBe(`${base}/oai`); // no echoed arguments
  });

  test('a stored licence that is not one URI never reaches the Link header, and the page still answers', async () => {
    const s = h.app.services;
    for (const [pid, license] of [['fair/lic-1', 'https://example.org/\u2603'], ['fair/lic-2', 'https://example.org/x>; rel="author", <https://evil.example/'], ['fair/lic-3', 'CC-BY\r\nX-Evil: 1']]) {
      await s.datasets.upsert(SYSTEM, rawDataset(pid, GROUP_A, { isPublished: true, license }));
      const r = await get(`/pid/${pid}`, { accept: 'text/html' });
      expect({ pid, status: r.status }).toEqual({ pid, status: 200 });
      expect(r.link).not.toMatch(/evil|rel="license"/);
      expect(r.link).toMatch(/rel="cite-as"/);
    }
  });

  test('the last day there is (until=9999-12-31) is a date like any other', async () => {
    for (const until of ['9999-12-31', '9999-12-31T23:59:59Z']) {
      const { ids } = await harvest(`verb=ListIdentifiers&metadataPrefix=oai_dc&until=${until}`);
      expect(ids.length).toBeGreaterThan(10);
    }
  });

  test('an edited resumption token is badResumptionToken whatever field was changed, and nothing of it is echoed', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const issued = first.doc.ListIdentifiers.resumptionToken;
    const text = typeof issued === 'object' ? issued['#text'] : issued;
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const edits: Record<string, unknown>[] = [
      { set: ['datasets'] }, { set: 42 }, { set: { $ne: null } },
      { cursor: -1 }, { cursor: 1e20 }, { cursor: '5' }, { cursor: 1.5 },
      { pos: { t: 'yesterday', k: token.pos.k } }, { pos: { t: token.pos.t, k: 5 } }, { pos: { t: token.pos.t, k: 'label:x' } }, { pos: [token.pos.t, token.pos.k] }, { pos: null },
      { metadataPrefix: 'marc21' }, { metadataPrefix: ['oai_dc'] },
      { from: { $gt: '' } }, { from: '2026-13-45' }, { until: 20260101 },
      { extra: 1 },
      { set: 'instrument:nope' },
    ];
    for (const edit of edits) {
      const forged = Buffer.from(JSON.stringify({ ...token, ...edit })).toString('base64url');
      const r = await oai(`verb=ListIdentifiers&resumptionToken=${forged}`);
      expect({ edit, code: r.doc.error?.[0]['@code'] }).toEqual({ edit, code: 'badResumptionToken' });
      expect(r.body).not.toContain('1e+20');
    }
    // the token as issued still continues the list
    const next = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(text)}`);
    expect(next.doc.ListIdentifiers.header.length).toBeGreaterThan(0);
  });
});
