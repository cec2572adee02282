// Pure logic: no servers.
import { duplicateKeyIndexes } from '../src/db';
import { storable } from '../src/common/storable';
import { createPubSubBus } from '../src/graphql/pubsub';
import { canRead, readFilter, withAccess, type Identity } from '../src/auth';
import { contentHash, reviveDates, toJsonForm } from '../src/common/json';
import { afterFilter, decodeCursor, encodeCursor, pageSize } from '../src/common/pagination';
import { validate } from '../src/common/validation';
import { fileSlices } from '../src/catalog/origdatablock/origdatablock.service';
import { LongScalar } from '../src/graphql/scalars';
import { countKeys, mxMetadata, rng, tomoMetadata } from '../seeds/metadata';
import { readAhead } from '../src/ingest/run/ingest.runner';
import { createAdapter, redactUrl } from '../src/ingest/adapters';
import { planBlockCounts } from '../src/catalog/dataset/dataset.counters';

const user = (groups: string[]): Identity => ({ subject: 'u', role: 'user', groups, via: 'jwt' });

test('access: anonymous sees published only; users their groups; admins all', () => {
  expect(readFilter({ subject: 'a', role: 'anonymous', groups: [], via: 'anonymous' })).toEqual({ isPublished: true });
  expect(readFilter({ subject: 'r', role: 'admin', groups: [], via: 'jwt' })).toEqual({});
  expect(canRead(user(['g']), { ownerGroup: 'h', accessGroups: ['g'] })).toBe(true);
  expect(canRead(user(['g']), { ownerGroup: 'h', accessGroups: ['x'] })).toBe(false);
  expect(canRead(user([]), { ownerGroup: '' })).toBe(false);
  expect(withAccess(user(['g']), { type: 'raw' })).toEqual({ type: 'raw', $or: expect.any(Array) });
  expect(withAccess(user(['g']), { $or: [{ a: 1 }] })).toEqual({ $and: [{ $or: [{ a: 1 }] }, readFilter(user(['g']))] });
});

test('cursors round-trip dates and refuse forgeries', () => {
  const d = new Date('2026-01-02T03:04:05.000Z');
  expect(decodeCursor(encodeCursor(d, 'x'))).toEqual({ value: d, id: 'x' });
  expect(decodeCursor(encodeCursor(d, 'x', 'creationTime'), 'creationTime')).toEqual({ value: d, id: 'x' });
  expect(() => decodeCursor('%%%')).toThrow(/not one this API issued/);
  // every forged part is refused: an object would reach MongoDB as an operator, a cursor of another sort
  // would be read as a value of the wrong type
  const forge = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  for (const bad of [[{ $gt: '' }, 'x', 'size'], [{ $d: 'not a date' }, 'x', 'size'], [[1, 2], 'x', 'size'], [5, 7, 'size'], [5, '', 'size'], [5, 'x'.repeat(300), 'size'], ['s'.repeat(2000), 'x', 'size'], [5, 'x', 'creationTime'], [5], [5, 'x', 'size', 'extra'], { value: 5 }, null]) {
    expect(() => decodeCursor(forge(bad), 'size')).toThrow(/not one this API issued/);
  }
  expect(decodeCursor(forge([5, 'x', 'size']), 'size')).toEqual({ value: 5, id: 'x' });
  // a direction, when the cursor has one, is ASC or DESC and must be the list's
  expect(decodeCursor(forge([5, 'x', 'size', 'DESC']), 'size', 'DESC')).toEqual({ value: 5, id: 'x' });
  expect(() => decodeCursor(forge([5, 'x', 'size', 'DESC']), 'size', 'ASC')).toThrow(/not one this API issued/);
  expect(() => decodeCursor(forge([5, 'x', 'size', 'UP']), 'size')).toThrow(/not one this API issued/);
  expect(() => afterFilter({ field: 'size', direction: 'ASC' }, encodeCursor(5, 'x', 'creationTime'))).toThrow(/not one this API issued/);
  // missing values sort lowest (as MongoDB does): after every value descending, before every value ascending
  expect(afterFilter({ field: 'creationTime', direction: 'DESC' }, encodeCursor(d, 'x', 'creationTime'))).toEqual({ $or: [{ creationTime: { $lt: d } }, { creationTime: d, _id: { $lt: 'x' } }, { creationTime: null }] });
  expect(afterFilter({ field: 'size', direction: 'ASC' }, encodeCursor(5, 'x', 'size'))).toEqual({ $or: [{ size: { $gt: 5 } }, { size: 5, _id: { $gt: 'x' } }] });
  expect(afterFilter({ field: 'size', direction: 'ASC' }, encodeCursor(null, 'x', 'size'))).toEqual({ $or: [{ size: null, _id: { $gt: 'x' } }, { size: { $ne: null } }] });
  expect(afterFilter({ field: 'size', direction: 'DESC' }, encodeCursor(null, 'x', 'size'))).toEqual({ size: null, _id: { $lt: 'x' } });
  expect(() => pageSize({ first: 501 }, 500)).toThrow(/larger than the maximum 500/);
});

test('file slices across blocks', () => {
  const blocks = [{ _id: 'a', numberOfFiles: 5 }, { _id: 'b', numberOfFiles: 5 }, { _id: 'c', numberOfFiles: 2 }];
  expect(fileSlices(blocks, 3, 4)).toEqual([{ blockId: 'a', from: 3, to: 5 }, { blockId: 'b', from: 0, to: 2 }]);
  expect(fileSlices(blocks, 10, 10)).toEqual([{ blockId: 'c', from: 0, to: 2 }]);
  expect(fileSlices(blocks, 12, 10)).toEqual([]);
});

test('Long carries sizes beyond 2^31 exactly and refuses what it cannot store', () => {
  expect(LongScalar.parseValue('5000000000')).toBe(5_000_000_000);
  expect(LongScalar.serialize(2 ** 40)).toBe(2 ** 40);
  expect(() => LongScalar.parseValue(1.5)).toThrow(/integer/);
  expect(() => LongScalar.parseValue('9007199254740993')).toThrow(/2\^53-1/);
});

test('JSON form, date revival and content hashes', () => {
  const doc = { a: new Date(0), b: [{ t: new Date(1000) }], c: undefined };
  const j = toJsonForm(doc) as any;
  expect(j).toEqual({ a: '1970-01-01T00:00:00.000Z', b: [{ t: '1970-01-01T00:00:01.000Z' }] });
  reviveDates(j, ['a', 'b.*.t']);
  expect(j.b[0].t).toEqual(new Date(1000));
  expect(contentHash({ x: 1, y: [1, 2] })).toBe(contentHash({ y: [1, 2], x: 1 }));
  expect(contentHash({ x: 1 })).not.toBe(contentHash({ x: 2 }));
});

test('schemas report problems by JSON path', () => {
  expect(validate('proposal', { proposalId: 'p', title: 'T', ownerGroup: 'g', bogus: 1 })).toEqual([{ path: '/bogus', message: 'is not a known field' }]);
  expect(validate('sample', { sampleId: 's' })).toEqual([{ path: '/ownerGroup', message: 'is required' }]);
  expect(validate('publication', { id: 'x', title: 'T', creator: [], publisher: 'P', publicationYear: 2026, datasetPids: ['d'], status: 'open', ownerGroup: 'g' })).toEqual(
    expect.arrayContaining([{ path: '/status', message: 'must be one of "draft", "registered", "findable"' }]),
  );
});

test('seeded metadata has ~400 keys per dataset, as the seed facility reports', () => {
  for (const md of [mxMetadata(rng(1)), mxMetadata(rng(2), { derived: true }), tomoMetadata(rng(3)), tomoMetadata(rng(4), { derived: true })]) {
    expect(countKeys(md)).toBeGreaterThanOrEqual(360);
    expect(countKeys(md)).toBeLessThanOrEqual(440);
  }
  expect(mxMetadata(rng(7))).toEqual(mxMetadata(rng(7)));
});

describe('readAhead (ingest reads the next source batch while it writes the current one)', () => {
  function source(n: number, failAt = -1) {
    const log: string[] = [];
    async function* gen() {
      try {
        for (let i = 0; i < n; i++) {
          log.push(`read ${i}`);
          await new Promise((r) => setTimeout(r, 1));
          if (i === failAt) throw new Error(`source down at batch ${i}`);
          yield i;
        }
      } finally {
        log.push('closed');
      }
    }
    return { log, batches: gen() };
  }

  test('yields every batch in order, with the next one already asked for', async () => {
    const { log, batches } = source(3);
    const got: number[] = [];
    for await (const b of readAhead(batches)) {
      got.push(b);
      log.push(`write ${b}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(got).toEqual([0, 1, 2]);
    // batch 1 was asked for before batch 0 was written, batch 2 before batch 1
    expect(log.indexOf('read 1')).toBeLessThan(log.indexOf('write 0'));
    expect(log.indexOf('read 2')).toBeLessThan(log.indexOf('write 1'));
    expect(log).toContain('closed');
  });

  test('a failed read surfaces only once the batches before it were written', async () => {
    const { batches } = source(5, 2);
    const written: number[] = [];
    await expect(
      (async () => {
        for await (const b of readAhead(batches)) written.push(b);
      })(),
    ).rejects.toThrow('source down at batch 2');
    expect(written).toEqual([0, 1]);
  });

  test('stopping early closes the source', async () => {
    const { log, batches } = source(10);
    for await (const b of readAhead(batches)) if (b === 1) break;
    expect(log.at(-1)).toBe('closed');
    expect(log.filter((l) => l.startsWith('read'))).toEqual(['read 0', 'read 1', 'read 2']);
  });
});

test('file counters: a block write changes only its own share; the dataset gets the totals when they differ', () => {
  const k = (id: string) => encodeURIComponent(id);
  const shares = { [k('d/block/0')]: { size: 10, files: 2 } };
  expect(planBlockCounts({ size: 10, numberOfFiles: 2 }, shares, [{ datasetId: 'd', blockId: 'd/block/1', size: 5, numberOfFiles: 1 }])).toEqual({
    map: { $set: { [`blocks.${k('d/block/1')}`]: { size: 5, files: 1 } } },
    shares: { ...shares, [k('d/block/1')]: { size: 5, files: 1 } },
    counters: { size: 15, numberOfFiles: 3 },
  });
  expect(planBlockCounts({ size: 99, numberOfFiles: 2 }, shares, [{ datasetId: 'd', blockId: 'd/block/0', removed: true }])).toMatchObject({ map: { $unset: { [`blocks.${k('d/block/0')}`]: '' } }, counters: { size: 0, numberOfFiles: 0 } });
  // nothing changed: nothing to write
  expect(planBlockCounts({ size: 10, numberOfFiles: 2 }, shares, [{ datasetId: 'd', blockId: 'd/block/0', size: 10, numberOfFiles: 2 }])).toEqual({ map: null, shares, counters: null });
  // a share already recorded, counters behind (a crash between the two writes): the counters are set
  expect(planBlockCounts({ size: 3, numberOfFiles: 1 }, shares, [{ datasetId: 'd', blockId: 'd/block/0', size: 10, numberOfFiles: 2 }]).counters).toEqual({ size: 10, numberOfFiles: 2 });
});

test('the subscription bus ends a subscriber that falls behind, and the publisher and other subscribers go on', async () => {
  const bus = createPubSubBus(3);
  const slow = bus.subscribe('t');
  const fast = bus.subscribe('t');
  const got: unknown[] = [];
  const reading = (async () => {
    for await (const v of fast) {
      got.push(v);
      if (got.length === 5) break;
    }
  })();
  for (let i = 0; i < 5; i++) {
    expect(() => bus.publish('t', i)).not.toThrow();
    await new Promise((r) => setImmediate(r));
  }
  await reading;
  expect(got).toEqual([0, 1, 2, 3, 4]);
  // the slow one had 3 waiting when the 4th came: it ends with an error naming why
  await expect(slow.next()).rejects.toThrow(/fell behind: more than 3 events/);
  expect(await slow.next()).toEqual({ value: undefined, done: true });
  bus.publish('t', 99); // nobody is left on the topic; nothing is kept
});

test('storable: every value the stores refuse is normalised the same way, with a note by JSON path (issue 15, kind 1)', () => {
  const notes: { path: string; reason: string }[] = [];
  const input = {
    n: NaN, inf: Infinity, ninf: -Infinity, ok: 1.5,
    s: 'a\u0000b', 'a.b': 1, $x: 2, 'x.y.z': { '$ne': 3 },
    m: [[1, 2], [3, NaN]], flat: [1, 2], big: 12345678901234567890n, small: 5n,
    when: new Date(0), bad: new Date('nope'), bytes: new Uint8Array(3),
    'c.d': 1, 'c．d': 2,
  };
  const out = storable(input, notes, '/x') as any;
  expect(out).toEqual({
    n: null, inf: null, ninf: null, ok: 1.5,
    s: 'a\uFFFDb', 'a\uFF0Eb': 1, '\uFF04x': 2, 'x\uFF0Ey\uFF0Ez': { '\uFF04ne': 3 },
    m: [{ _list: [1, 2] }, { _list: [3, null] }], flat: [1, 2], big: '12345678901234567890', small: 5,
    when: new Date(0), bad: null, bytes: { _bytes: 3 },
    'c\uFF0Ed_': 1, 'c．d': 2,
  });
  expect(notes.map((n) => n.path)).toEqual(['/x/n', '/x/inf', '/x/ninf', '/x/s', '/x/a.b', '/x/$x', '/x/x.y.z', '/x/x.y.z/$ne', '/x/m/0', '/x/m/1/1', '/x/m/1', '/x/big', '/x/bad', '/x/bytes', '/x/c.d']);
  expect(notes[0].reason).toBe('NaN is not a number the store keeps: stored as null');
  // diagnostic copies keep what non-finite numbers were
  expect(storable({ e: [NaN, -Infinity] }, [], '', 'copy')).toEqual({ e: ['NaN', '-Infinity'] });
});

test('a bulk write the driver refused as a whole (no write named) is an error, never an empty list of duplicates', () => {
  const refused = Object.assign(new Error('invalid key'), { writeErrors: [] });
  expect(() => duplicateKeyIndexes(refused, 'Dataset')).toThrow(/write of Dataset failed: invalid key/);
  expect(duplicateKeyIndexes(Object.assign(new Error('dup'), { writeErrors: [{ code: 11000, index: 3 }] }), 'Dataset')).toEqual([3]);
});

describe('source connections are never shown with their password, and a connection of the wrong kind is named (issue 18 review)', () => {
  test('redactUrl hides the password of a URL, of one that does not parse, and leaves a folder alone', () => {
    expect(redactUrl('mysql://ro:Sup3rSecret@127.0.0.1:3306/db')).toBe('mysql://ro:***@127.0.0.1:3306/db');
    expect(redactUrl('mysql://ro:Sup3rSecret@127.0.0.1:99999/db')).toBe('mysql://ro:***@127.0.0.1:99999/db');
    expect(redactUrl('mysql://ro:p@ss:w0rd@host:99999/db')).not.toContain('p@ss');
    expect(redactUrl('/data/tomo')).toBe('/data/tomo');
  });
  test('createAdapter refuses a URL of another database kind, and a URL for a file source, without the password', () => {
    const m = (adapter: string): any => ({ id: 'm', version: '1', source: { adapter, connection: { env: 'X' }, root: { table: 't', key: 'id' } }, entities: {} });
    expect(() => createAdapter(m('mariadb'), 'postgres://ro:secret@h/db')).toThrow('mapping m reads a mariadb source, but its connection (X or --connection) is a postgres:// URL; expected mysql://… or mariadb://…');
    expect(() => createAdapter(m('postgres'), 'mysql://ro:secret@h/db')).toThrow(/is a mysql:\/\/ URL; expected postgres:\/\/…/);
    for (const a of ['hdf5', 'sqlite']) {
      expect(() => createAdapter(m(a), 'mysql://ro:secret@h:99999/db')).toThrow(/but its connection is a URL \(mysql:\/\/ro:\*\*\*@h:99999\/db\)/);
    }
  });
});

describe('a duplicate on a unique field other than the id names the field and value (issue 18 review)', () => {
  test('duplicateKeyIndexes: an _id race is retried, a uniqueName clash is a CONFLICT naming it', () => {
    const race = Object.assign(new Error('bulk'), { writeErrors: [{ code: 11000, index: 3, errmsg: 'E11000 duplicate key error collection: c.instruments index: _id_ dup key: { _id: "instrument/x" }' }] });
    expect(duplicateKeyIndexes(race, 'Instrument')).toEqual([3]);
    const clash = Object.assign(new Error('bulk'), { writeErrors: [{ code: 11000, index: 0, errmsg: 'E11000 duplicate key error collection: c.instruments index: uniqueName_1 dup key: { uniqueName: "DLS i04" }' }] });
    expect(() => duplicateKeyIndexes(clash, 'Instrument')).toThrow('Instrument: uniqueName: "DLS i04" is already taken by another record (unique index uniqueName_1)');
  });
});
