// Labels through GraphQL: declared sets, labels from several people and a model, summaries, changes
// and withdrawals, access (labels are visible exactly where their dataset is), and every refusal.
import { issueToken } from '../src/auth';
import { codes, GROUP_A, GROUP_B, rawDataset, SECRET, startHarness, SYSTEM, type Harness } from './helpers/harness';

let h: Harness;
let carol: string;
const A1 = 'lbl/a1';
const A2 = 'lbl/a2';
const B1 = 'lbl/b1';
const SPOT = { name: 'spotfinder', version: '2.1.0' };

const DECLARE = `mutation($input: LabelSetInput!) { declareLabelSet(input: $input) { name kind min max step values } }`;
const SET = `mutation($input: LabelInput!) { setLabel(input: $input) { id datasetPid labelSet kind like score tags class source by model { name version } withdrawnAt } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawLabel(id: $id) { id withdrawnAt } }`;
const SUMMARY = `query($pid: String!) { dataset(pid: $pid) { labelSummary { labelSet kind count humanCount modelCount likes dislikes meanScore minScore maxScore counts { value count } consensus agreement } labels { id labelSet by source } } }`;
const LABELS = `query($filter: LabelFilter) { labels(filter: $filter, first: 100) { totalCount nodes { id datasetPid labelSet by } } }`;

const label = (token: string, input: Record<string, unknown>) => h.gql(SET, { input }, token);
const summaryOf = async (pid: string, token: string, set: string) => {
  const r = await h.gql(SUMMARY, { pid }, token);
  return r.data.dataset.labelSummary.find((s: any) => s.labelSet === set);
};

beforeAll(async () => {
  h = await startHarness('labels');
  carol = await issueToken(SECRET, { subject: 'carol', role: 'user', groups: [GROUP_A] });
  await h.app.services.datasets.upsertMany(SYSTEM, [rawDataset(A1, GROUP_A), rawDataset(A2, GROUP_A), rawDataset(B1, GROUP_B)]);
  for (const input of [
    { name: 'quality', kind: 'SCORE', min: 1, max: 5, step: 1, description: 'data quality' },
    { name: 'like', kind: 'LIKE' },
    { name: 'diffraction', kind: 'CLASS', values: ['strong', 'weak', 'none'] },
    { name: 'artefacts', kind: 'TAGS', values: ['ring', 'ice', 'streak'] },
  ]) {
    const r = await h.gql(DECLARE, { input }, h.tokens.steward);
    expect(r.errors).toBeUndefined();
  }
}, 60_000);

afterAll(async () => h?.close());

describe('label sets', () => {
  test('only stewards and admins declare; a declaration names every mistake by path', async () => {
    expect(codes(await h.gql(DECLARE, { input: { name: 'mine', kind: 'LIKE' } }, h.tokens.alice))).toEqual(['FORBIDDEN']);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Bad Name', kind: 'LIKE' }, '/name'],
      [{ name: 'noscale', kind: 'SCORE', min: 1 }, '/max'],
      [{ name: 'inverted', kind: 'SCORE', min: 5, max: 1 }, '/max'],
      [{ name: 'noclasses', kind: 'CLASS' }, '/values'],
      [{ name: 'twice', kind: 'CLASS', values: ['a', 'a'] }, '/values/1'],
      [{ name: 'likerange', kind: 'LIKE', min: 0 }, '/min'],
    ];
    for (const [input, path] of cases) {
      const r = await h.gql(DECLARE, { input }, h.tokens.steward);
      expect(codes(r)).toEqual(['VALIDATION_FAILED']);
      expect(r.errors![0].extensions!.problems.map((p: any) => p.path)).toContain(path);
    }
    expect(codes(await h.gql(DECLARE, { input: { name: 'quality', kind: 'LIKE' } }, h.tokens.steward))).toEqual(['VALIDATION_FAILED']);
    const listed = await h.gql(`{ labelSets { name kind } }`, {}, h.tokens.alice);
    expect(listed.data.labelSets.map((s: any) => s.name)).toEqual(['artefacts', 'diffraction', 'like', 'quality']);
  });
});

describe('labels', () => {
  test('people and a model label a dataset; the summary counts, averages and measures agreement', async () => {
    const a = await label(h.tokens.alice, { datasetPid: A1, labelSet: 'quality', score: 4 });
    expect(a.errors).toBeUndefined();
    expect(a.data.setLabel).toMatchObject({ datasetPid: A1, kind: 'SCORE', score: 4, source: 'human', by: 'alice', model: null });
    expect((await label(carol, { datasetPid: A1, labelSet: 'quality', score: 2 })).errors).toBeUndefined();
    const m = await label(h.tokens.alice, { datasetPid: A1, labelSet: 'quality', score: 5, model: SPOT });
    expect(m.data.setLabel).toMatchObject({ source: 'model', by: 'alice', model: SPOT });
    await label(h.tokens.alice, { datasetPid: A1, labelSet: 'like', like: true });
    await label(carol, { datasetPid: A1, labelSet: 'like', like: false });
    await label(h.tokens.alice, { datasetPid: A1, labelSet: 'diffraction', class: 'strong' });
    await label(carol, { datasetPid: A1, labelSet: 'diffraction', class: 'strong' });
    await label(h.tokens.alice, { datasetPid: A1, labelSet: 'diffraction', class: 'weak', model: SPOT });
    await label(h.tokens.alice, { datasetPid: A1, labelSet: 'artefacts', tags: ['ring', 'ice', 'ring'] });
    await label(carol, { datasetPid: A1, labelSet: 'artefacts', tags: ['ring'] });

    expect(await summaryOf(A1, h.tokens.alice, 'quality')).toMatchObject({ count: 3, humanCount: 2, modelCount: 1, meanScore: 11 / 3, minScore: 2, maxScore: 5, consensus: JSON.stringify(11 / 3) });
    const q = await summaryOf(A1, h.tokens.alice, 'quality');
    const sd = Math.sqrt(((4 - 11 / 3) ** 2 + (2 - 11 / 3) ** 2 + (5 - 11 / 3) ** 2) / 3);
    expect(q.agreement).toBeCloseTo(1 - sd / 2, 10);
    expect(await summaryOf(A1, h.tokens.alice, 'like')).toMatchObject({ count: 2, likes: 1, dislikes: 1, consensus: null, agreement: 0.5 });
    const d = await summaryOf(A1, h.tokens.alice, 'diffraction');
    expect(d).toMatchObject({ count: 3, consensus: '"strong"', counts: [{ value: 'strong', count: 2 }, { value: 'weak', count: 1 }] });
    expect(d.agreement).toBeCloseTo(2 / 3, 10);
    expect(await summaryOf(A1, h.tokens.alice, 'artefacts')).toMatchObject({ count: 2, consensus: '["ring"]', counts: [{ value: 'ring', count: 2 }, { value: 'ice', count: 1 }], agreement: 1 });
  });

  test('giving a label again changes it (same id); withdrawing takes it out of the summary', async () => {
    const before = await label(h.tokens.alice, { datasetPid: A1, labelSet: 'quality', score: 4 });
    const after = await label(h.tokens.alice, { datasetPid: A1, labelSet: 'quality', score: 5, comment: 'on second look' });
    expect(after.data.setLabel.id).toBe(before.data.setLabel.id);
    expect((await summaryOf(A1, h.tokens.alice, 'quality')).meanScore).toBe(4);
    const carols = (await h.gql(LABELS, { filter: { datasetPid: A1, by: 'carol', labelSet: 'quality' } }, h.tokens.alice)).data.labels.nodes[0];
    expect(codes(await h.gql(WITHDRAW, { id: before.data.setLabel.id }, carol))).toEqual(['FORBIDDEN']);
    const w = await h.gql(WITHDRAW, { id: carols.id }, carol);
    expect(w.data.withdrawLabel.withdrawnAt).toBeTruthy();
    expect(await summaryOf(A1, h.tokens.alice, 'quality')).toMatchObject({ count: 2, humanCount: 1, meanScore: 5 });
    const all = await h.gql(LABELS, { filter: { datasetPid: A1, labelSet: 'quality', includeWithdrawn: true } }, h.tokens.alice);
    expect(all.data.labels.totalCount).toBe(3);
    // a steward may withdraw anyone's; labelling again restores it
    expect((await h.gql(WITHDRAW, { id: before.data.setLabel.id }, h.tokens.steward)).errors).toBeUndefined();
    await label(h.tokens.alice, { datasetPid: A1, labelSet: 'quality', score: 5 });
    expect((await summaryOf(A1, h.tokens.alice, 'quality')).count).toBe(2);
  });

  test('labels are visible exactly where their dataset is, also after its access changes', async () => {
    await label(h.tokens.bob, { datasetPid: B1, labelSet: 'like', like: true });
    await label(h.tokens.alice, { datasetPid: A2, labelSet: 'like', like: true });
    // bob may not see A1 or A2: he cannot label them, and sees none of their labels
    expect(codes(await label(h.tokens.bob, { datasetPid: A1, labelSet: 'like', like: false }))).toEqual(['NOT_FOUND']);
    const bobs = await h.gql(LABELS, {}, h.tokens.bob);
    expect(bobs.data.labels.nodes.map((l: any) => l.datasetPid)).toEqual([B1]);
    expect(bobs.data.labels.totalCount).toBe(1);
    expect((await h.gql(LABELS, { filter: { datasetPid: A1 } }, h.tokens.bob)).data.labels.totalCount).toBe(0);
    const alices = await h.gql(LABELS, { filter: { labelSet: 'like' } }, h.tokens.alice);
    expect(alices.data.labels.nodes.every((l: any) => l.datasetPid !== B1)).toBe(true);
    expect(codes(await label('', { datasetPid: B1, labelSet: 'like', like: true }))).toEqual(['UNAUTHENTICATED']);
    // publishing A2 makes its labels public too
    await h.app.services.datasets.update(SYSTEM, A2, { isPublished: true });
    const now = await h.gql(LABELS, { filter: { labelSet: 'like' } }, h.tokens.bob);
    expect(now.data.labels.nodes.map((l: any) => l.datasetPid).sort()).toEqual([A2, B1]);
    expect((await h.gql(LABELS, {}, undefined)).data.labels.nodes.map((l: any) => l.datasetPid)).toEqual([A2]);
  });

  test('bad labels are refused with the field at fault; nothing is stored', async () => {
    const cases: [Record<string, unknown>, string, string, RegExp][] = [
      [{ datasetPid: A1, labelSet: 'nosuch', like: true }, 'BAD_USER_INPUT', '', /unknown label set "nosuch".*declared: artefacts, diffraction, like, quality/],
      [{ datasetPid: A1, labelSet: 'quality', score: 7 }, 'VALIDATION_FAILED', '/score', /7 is outside the range 1\.\.5 of quality/],
      [{ datasetPid: A1, labelSet: 'quality', score: 3.5 }, 'VALIDATION_FAILED', '/score', /not on the step 1/],
      [{ datasetPid: A1, labelSet: 'quality', like: true }, 'VALIDATION_FAILED', '/like', /quality is a score set: give score, not like/],
      [{ datasetPid: A1, labelSet: 'quality' }, 'VALIDATION_FAILED', '/score', /is required/],
      [{ datasetPid: A1, labelSet: 'diffraction', class: 'excellent' }, 'VALIDATION_FAILED', '/class', /"excellent" is not a class of diffraction; allowed: strong, weak, none/],
      [{ datasetPid: A1, labelSet: 'artefacts', tags: ['ring', 'dust'] }, 'VALIDATION_FAILED', '/tags', /"dust" not allowed/],
      [{ datasetPid: A1, labelSet: 'like', like: true, model: { name: 'bad name!', version: '1' } }, 'VALIDATION_FAILED', '/model/name', /pattern/],
      [{ datasetPid: 'lbl/missing', labelSet: 'like', like: true }, 'NOT_FOUND', '', /Dataset "lbl\/missing" not found/],
    ];
    const before = await h.app.services.labels.countAll({});
    for (const [input, code, path, msg] of cases) {
      const r = await label(h.tokens.alice, input);
      expect(codes(r)).toEqual([code]);
      expect(r.errors![0].message).toMatch(msg);
      if (path) expect(r.errors![0].extensions!.problems.map((p: any) => p.path)).toContain(path);
    }
    expect(await h.app.services.labels.countAll({})).toBe(before);
  });

  test('a declaration cannot change its kind or leave stored labels outside it', async () => {
    const r = await h.gql(DECLARE, { input: { name: 'quality', kind: 'SCORE', min: 1, max: 3, step: 1 } }, h.tokens.steward);
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].message).toMatch(/stored label\(s\) of quality would fall outside/);
    const wider = await h.gql(DECLARE, { input: { name: 'quality', kind: 'SCORE', min: 0, max: 10, step: 0.5, description: 'wider' } }, h.tokens.steward);
    expect(wider.data.declareLabelSet).toMatchObject({ min: 0, max: 10, step: 0.5 });
  });

  test('deleting a dataset deletes its labels', async () => {
    await h.app.services.datasets.upsert(SYSTEM, rawDataset('lbl/gone', GROUP_A));
    await label(h.tokens.alice, { datasetPid: 'lbl/gone', labelSet: 'like', like: true });
    expect(await h.app.services.labels.countAll({ datasetPid: 'lbl/gone' })).toBe(1);
    await h.app.services.datasets.remove(SYSTEM, 'lbl/gone');
    expect(await h.app.services.labels.countAll({ datasetPid: 'lbl/gone' })).toBe(0);
  });
});

describe('blank label values are missing (issue 15, kind 4)', () => {
  test('a blank class, tag or declared value is refused by path', async () => {
    const blank = 'is blank (white space only): give a value';
    const decl = await h.gql(DECLARE, { input: { name: 'blanks', kind: 'CLASS', values: ['good', '  '] } }, h.tokens.steward);
    expect(decl.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/values/1', message: blank }] });
    const free = await h.gql(DECLARE, { input: { name: 'free_tags', kind: 'TAGS' } }, h.tokens.steward);
    expect(free.errors).toBeUndefined();
    const tag = await h.gql(SET, { input: { datasetPid: A1, labelSet: 'free_tags', tags: ['ice', ' \t'] } }, h.tokens.alice);
    expect(tag.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: '/tags', message: 'has a blank tag (white space only): give a value' }] });
    const cls = await h.gql(SET, { input: { datasetPid: A1, labelSet: 'diffraction', class: ' ' } }, h.tokens.alice);
    expect(cls.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(cls.errors?.[0].extensions?.problems[0].path).toBe('/class');
  });
});
