// File access over HTTP as a download tool meets it: one file with Range, ETag and conditional requests,
// whole datasets as zip and tar (read back with Python's zipfile and tarfile), the dataset's access rule,
// every way of leaving the folder, and `catalog files verify` run as an operator runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { mediaTypeOf } from '../src/files';
import { rawDataset, ROOT, SECRET, startHarness, SYSTEM, type Harness } from './helpers/harness';
import { INSTRUMENT, makeStorage, PIDS, PREFIX, seedFiles, type Storage } from './helpers/storage';

let h: Harness;
let st: Storage;
let base: string;
const enc = encodeURIComponent;

beforeAll(async () => {
  st = makeStorage();
  h = await startHarness('files', { storageRoots: st.roots });
  base = new URL(h.app.url).origin;
  await seedFiles(h, st);
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(st.dir, { recursive: true, force: true });
});

/** A request with the path sent exactly as written (fetch would resolve "..", as browsers do). */
function raw(p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = http.request({ host: u.hostname, port: u.port, path: p, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('one file', () => {
  test('a published file answers with its bytes, media type, length, ETag and Last-Modified, for anyone, with the pid encoded or plain', async () => {
    const want = st.clean['scan_0001.nxs'];
    for (const p of [`/files/${enc(PIDS.clean)}/scan_0001.nxs`, `/files/${PIDS.clean}/scan_0001.nxs`]) {
      const r = await raw(p);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/x-hdf5');
      expect(Number(r.headers['content-length'])).toBe(want.length);
      expect(r.headers.etag).toMatch(/^W\/".+"$/);
      expect(Date.parse(String(r.headers['last-modified']))).toBeGreaterThan(0);
      expect(r.headers['accept-ranges']).toBe('bytes');
      expect(r.body.equals(want)).toBe(true);
    }
    const nested = await raw(`/files/${enc(PIDS.clean)}/notes/read%20me.txt`);
    expect([nested.status, nested.headers['content-type'], nested.body.toString()]).toEqual([200, 'text/plain; charset=utf-8', 'beam dump at 11:02\n']);
    // the entry listed with an absolute path under sourceFolder is served under its relative name
    const cbf = await raw(`/files/${enc(PIDS.clean)}/frame_00001.cbf`);
    expect([cbf.status, cbf.headers['content-type'], cbf.body.equals(st.clean['frame_00001.cbf'])]).toEqual([200, 'application/x-cbf', true]);
    const head = await raw(`/files/${enc(PIDS.clean)}/sub/stack.tif`, {}, 'HEAD');
    expect([head.status, head.headers['content-type'], Number(head.headers['content-length']), head.body.length]).toEqual([200, 'image/tiff', 10_000, 0]);
  });

  test('Range gives 206 with Content-Range, a suffix range, 416 past the end; a fresh ETag gives 304', async () => {
    const want = st.clean['scan_0001.nxs'];
    const p = `/files/${enc(PIDS.clean)}/scan_0001.nxs`;
    const mid = await raw(p, { range: 'bytes=100-1123' });
    expect([mid.status, mid.headers['content-range'], Number(mid.headers['content-length'])]).toEqual([206, `bytes 100-1123/${want.length}`, 1024]);
    expect(mid.body.equals(want.subarray(100, 1124))).toBe(true);
    const tail = await raw(p, { range: 'bytes=-10' });
    expect([tail.status, tail.body.equals(want.subarray(want.length - 10))]).toEqual([206, true]);
    const past = await raw(p, { range: `bytes=${want.length + 5}-` });
    expect([past.status, past.headers['content-range'], past.body.toString(), past.headers['content-disposition']]).toEqual([416, `bytes */${want.length}`, `RANGE_NOT_SATISFIABLE: scan_0001.nxs has ${want.length} bytes\n`, undefined]);
    // RFC 9110: a suffix longer than the file is the whole file; If-Range with a weak validator gets the whole file
    const longer = await raw(p, { range: `bytes=-${want.length + 100}` });
    expect([longer.status, longer.headers['content-range'], longer.body.equals(want)]).toEqual([206, `bytes 0-${want.length - 1}/${want.length}`, true]);
    const weak = (await raw(p, {}, 'HEAD')).headers.etag!;
    const ifRange = await raw(p, { range: 'bytes=0-9', 'if-range': weak });
    expect([ifRange.status, ifRange.body.length]).toEqual([200, want.length]);
    const etag = (await raw(p, {}, 'HEAD')).headers.etag!;
    expect((await raw(p, { 'if-none-match': etag })).status).toBe(304);
  });

  test('the dataset decides: anonymous and another group get 404 for a private file, exactly as for one that does not exist', async () => {
    const p = `/files/${enc(PIDS.secret)}/secret.h5`;
    const nowhere = `/files/${enc('files/nothing-here')}/secret.h5`;
    expect((await raw(p, bearer(h.tokens.alice))).body.equals(st.secret)).toBe(true);
    const anon = await raw(p);
    const other = await raw(p, bearer(h.tokens.bob));
    const missing = await raw(nowhere, bearer(h.tokens.bob));
    expect([anon.status, other.status, missing.status]).toEqual([404, 404, 404]);
    const shape = (b: Buffer, pid: string) => b.toString().replace(pid, '<pid>');
    expect(shape(anon.body, PIDS.secret)).toBe(shape(missing.body, 'files/nothing-here'));
    expect(shape(other.body, PIDS.secret)).toBe(shape(missing.body, 'files/nothing-here'));
    // a file the dataset does not list is not served, even in its folder
    writeFileSync(path.join(st.dir, 'mount/p1/scan1/unlisted.h5'), 'x');
    expect((await raw(`/files/${enc(PIDS.clean)}/unlisted.h5`)).status).toBe(404);
    expect((await raw(p, { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  test('no path leaves the folder: dot segments raw or encoded, absolute, NUL, backslashes, symlinks out, listed escapes, a climbing sourceFolder', async () => {
    const c = enc(PIDS.clean);
    const m = enc(PIDS.messy);
    const attempts = [
      `/files/${c}/../scan2/secret.h5`, `/files/${c}/%2e%2e/scan2/secret.h5`, `/files/${c}/..%2Fscan2%2Fsecret.h5`, `/files/${c}/sub/..%2f..%2f..%2fscan2/secret.h5`,
      `/files/${c}/%252e%252e/scan2/secret.h5`, `/files/${c}/..%5Cscan2%5Csecret.h5`, `/files/${c}/%2Fetc%2Fpasswd`, `/files/${c}//etc/passwd`, `/files/${c}/scan_0001.nxs%00.txt`,
      `/files/${c}/./scan_0001.nxs`, `/files/${m}/out-of-root.h5`, `/files/${m}/into-secret.h5`, `/files/${m}/..%2Fscan2%2Fsecret.h5`, `/files/${m}/etc/passwd`,
      `/files/${m}/folder.h5`, `/files/${enc(PIDS.climbing)}/etc/passwd`,
    ];
    for (const a of attempts) {
      const r = await raw(a, bearer(h.tokens.alice));
      expect([a, r.status]).toEqual([a, 404]);
      expect(r.body.toString()).not.toMatch(/not the facility|root:/);
      expect(r.body.equals(st.secret)).toBe(false);
    }
    // the one good file of the messy dataset is served
    expect((await raw(`/files/${m}/ok.h5`)).status).toBe(200);
  });

  test('a folder reached through a link out of the root, and names whose backslashes climb, are refused as missing (issue 19 review)', async () => {
    const linked = await raw(`/files/${enc(PIDS.linked)}/outside.txt`);
    expect([linked.status, linked.body.toString()]).toEqual([404, `NOT_FOUND: outside.txt is listed in dataset ${PIDS.linked} but is not on storage\n`]);
    for (const p of [`/files/${enc(PIDS.slip)}/a%5C..%5C..%5Cevil.txt`, `/files/${enc(PIDS.slip)}/..%5Cevil.txt`]) {
      const r = await raw(p);
      expect([p, r.status, r.body.toString()]).toEqual([p, 404, expect.stringMatching(/^NOT_FOUND: /)]);
    }
    expect((await raw(`/archives/${enc(PIDS.slip)}.zip`)).status).toBe(409);
    expect((await raw(`/archives/${enc(PIDS.linked)}.tar`)).status).toBe(409);
  });

  test('only admins and a root\'s writers may point a dataset under it; others are refused, named, and nothing is written (issue 19 review)', async () => {
    const create = (sourceFolder: string, pid: string) =>
      h.gql(`mutation($i: DatasetInput!) { createDataset(input: $i) { pid } }`, { i: { ...rawDataset(pid, 'pA', { instrumentId: INSTRUMENT, sourceFolder }) } }, h.tokens.ingestorA);
    const refused = await create(`${PREFIX}/p1/scan2`, 'files/steal');
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/sourceFolder \/facility\/bl-files\/p1\/scan2 lies under the storage root \/facility\/bl-files of instrument\/bl-files, whose files the catalog serves; only admins may point a dataset there, not /), extensions: { code: 'FORBIDDEN' } });
    expect(await h.app.services.datasets.get(SYSTEM, 'files/steal')).toBeNull();
    // elsewhere is fine; moving it under the root later is refused the same way
    expect((await create('/elsewhere/p1', 'files/own')).errors).toBeUndefined();
    const moved = await h.gql(`mutation { updateDataset(pid: "files/own", patch: { sourceFolder: "${PREFIX}/p1/scan2" }) { pid } }`, {}, h.tokens.ingestorA);
    expect(moved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // a change that leaves the folder alone is not checked: a steward may still publish a dataset under a root
    const published = await h.gql(`mutation { updateDataset(pid: "${PIDS.secret}", patch: { description: "checked" }) { pid } }`, {}, h.tokens.admin);
    expect(published.errors).toBeUndefined();
  });

  test('other methods get 405 with Allow; bad percent-encoding gets 400 in words; request text is never echoed raw (issue 19 review)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const p of [`/files/${enc(PIDS.clean)}/scan_0001.nxs`, `/archives/${enc(PIDS.clean)}.zip`]) {
        const r = await raw(p, {}, method);
        expect([method, p, r.status, r.headers.allow, r.body.toString()]).toEqual([method, p, 405, 'GET, HEAD', `METHOD_NOT_ALLOWED: ${method} is not allowed here; files and archives are read with GET or HEAD\n`]);
      }
    }
    for (const p of [`/files/${enc(PIDS.clean)}/%ff`, `/files/${enc(PIDS.clean)}/%zz`, '/archives/%E0%A4%A.zip']) {
      const r = await raw(p);
      expect([p, r.status, r.headers['content-type'], r.body.toString()]).toEqual([p, 400, 'text/plain; charset=utf-8', 'BAD_REQUEST: the path is not valid percent-encoding (a % must be followed by two hex digits of UTF-8)\n']);
    }
    const crlf = await raw('/files/%0d%0aX-Injected:%201/x');
    expect(crlf.status).toBe(404);
    expect(crlf.body.toString()).not.toMatch(/[\r\0]/);
    expect(crlf.body.toString()).toContain('\\u000d\\u000aX-Injected: 1');
    expect((await raw('/files/')).body.toString()).toBe('NOT_FOUND: a file is /files/<pid>/<path>, an archive /archives/<pid>.zip or .tar\n');
  });

  test('a visible dataset says why its file is not there: not on storage, or under no storage root', async () => {
    const gone = await raw(`/files/${enc(PIDS.messy)}/gone.h5`);
    expect([gone.status, gone.body.toString()]).toEqual([404, `NOT_FOUND: gone.h5 is listed in dataset ${PIDS.messy} but is not on storage\n`]);
    const unmounted = await raw(`/files/${enc(PIDS.unmounted)}/scan_0001.nxs`);
    expect(unmounted.body.toString()).toMatch(/^NOT_FOUND: the files of dataset files\/unmounted are not served here: its sourceFolder "\/facility\/bl-files\/p1\/scan1" lies under no storage root of instrument instrument\/elsewhere/);
  });

  test('a file costs one key read of the dataset and one of the block that lists it, after the index names the blocks', async () => {
    h.resetCommands();
    expect((await raw(`/files/${enc(PIDS.clean)}/scan_0001.nxs`, {}, 'HEAD')).status).toBe(200);
    expect(h.commands).toEqual(['find', 'find']);
  });
});

describe('whole datasets', () => {
  const py = (code: string, file: string) => execFileSync('python3', ['-c', code, file], { encoding: 'utf8' });
  const READ = {
    zip: 'import sys,zipfile,hashlib,json; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))',
    tar: 'import sys,tarfile,hashlib,json; t=tarfile.open(sys.argv[1]); print(json.dumps({m.name: hashlib.sha256(t.extractfile(m).read()).hexdigest() for m in t.getmembers() if m.isfile()}))',
  };
  test.each(['zip', 'tar'] as const)('%s: every listed file under one folder, read back by Python', async (format) => {
    const r = await raw(`/archives/${enc(PIDS.clean)}.${format}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(format === 'zip' ? 'application/zip' : 'application/x-tar');
    expect(r.headers['content-disposition']).toBe(`attachment; filename=files_clean.${format}`);
    const file = path.join(st.dir, `a.${format}`);
    writeFileSync(file, r.body);
    const want = Object.fromEntries(Object.entries(st.clean).map(([n, b]) => [`files_clean/${n}`, createHash('sha256').update(b).digest('hex')]));
    expect(JSON.parse(py(READ[format], file))).toEqual(want);
  });

  test('an archive download cut short closes its file, and the same archive is the same bytes each time (issue 19 review)', async () => {
    const openOnBig = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).endsWith('scan5/big.raw');
      } catch {
        return false;
      }
    }).length;
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const u = new URL(base);
        const req = http.get({ host: u.hostname, port: u.port, path: `/archives/${enc(PIDS.big)}.${i % 2 ? 'tar' : 'zip'}` }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', reject);
      });
    }
    for (let i = 0; i < 50 && openOnBig() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(openOnBig()).toBe(0);
    const [a, b] = [await raw(`/archives/${enc(PIDS.clean)}.zip`), await raw(`/archives/${enc(PIDS.clean)}.zip`)];
    expect(createHash('sha256').update(a.body).digest('hex')).toBe(createHash('sha256').update(b.body).digest('hex'));
  });

  test('an archive that would miss files is refused with 409 naming them; a hidden dataset is 404; a bad name says the form', async () => {
    const messy = await raw(`/archives/${enc(PIDS.messy)}.zip`);
    expect([messy.status, messy.body.toString()]).toEqual([409, `CONFLICT: 6 of 7 files of dataset ${PIDS.messy} are not on storage or lead out of its folder (first: out-of-root.h5, into-secret.h5, ../scan2/secret.h5, /etc/passwd, gone.h5); the archive would be incomplete\n`]);
    expect((await raw(`/archives/${enc(PIDS.secret)}.zip`)).status).toBe(404);
    expect((await raw(`/archives/${enc(PIDS.secret)}.tar`, bearer(h.tokens.alice))).status).toBe(200);
    const bad = await raw(`/archives/${enc(PIDS.clean)}.rar`);
    expect([bad.status, bad.body.toString()]).toEqual([404, `NOT_FOUND: an archive is /archives/<pid>.zip or /archives/<pid>.tar, not "${PIDS.clean}.rar"\n`]);
  });
});

describe('catalog files verify', () => {
  const verify = (pid: string, json = false, more: string[] = []) => spawnSync('node', [path.join(ROOT, 'dist/src/cli/main.js'), 'files', 'verify', pid, ...(json ? ['--json'] : []), ...more], {
    env: { ...process.env, MONGODB_URI: h.cfg.mongoUri, CATALOG_DB: h.cfg.dbName, CATALOG_JWT_SECRET: SECRET, CATALOG_SEARCH_INDEX: h.cfg.searchIndex, LOG_LEVEL: 'warn', CATALOG_STORAGE_ROOTS: JSON.stringify({ 'instrument/bl-files': { [PREFIX]: path.join(st.dir, 'mount') } }) },
    encoding: 'utf8',
  });

  test('checks sizes and checksums against storage, reports every problem, and exits 1 on a mismatch', () => {
    const ok = verify(PIDS.clean);
    expect([ok.status, ok.stdout]).toEqual([0, `dataset ${PIDS.clean}: 4 files listed; 4 verified, 0 checksum mismatches, 0 size mismatches, 0 missing, 0 outside the folder, 0 not regular files, 0 without a checksum this server can check\n`]);
    const target = path.join(st.dir, 'mount/p1/scan1/sub/stack.tif');
    const flipped = Buffer.from(st.clean['sub/stack.tif']);
    flipped[5000] ^= 0xff;
    writeFileSync(target, flipped);
    const bad = verify(PIDS.clean, true);
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.counts).toMatchObject({ ok: 3, 'checksum-mismatch': 1 });
    expect(report.problems).toEqual([{ name: 'sub/stack.tif', status: 'checksum-mismatch', detail: expect.stringMatching(/^sha256 listed [0-9a-f]{64}, on storage [0-9a-f]{64}$/) }]);
    writeFileSync(target, Buffer.concat([st.clean['sub/stack.tif'], Buffer.from('x')]));
    expect(JSON.parse(verify(PIDS.clean, true).stdout).problems).toEqual([{ name: 'sub/stack.tif', status: 'size-mismatch', detail: 'listed 10000 bytes, on storage 10001' }]);
    writeFileSync(target, st.clean['sub/stack.tif']);
    const messy = JSON.parse(verify(PIDS.messy, true).stdout);
    // each kind of problem is told apart: links out of the folder, a folder where a file should be, nothing there (issue 19 review)
    expect(messy.counts).toEqual({ ok: 0, missing: 1, 'outside-folder': 4, 'not-a-file': 1, 'size-mismatch': 0, 'checksum-mismatch': 0, 'no-checksum': 0, 'unknown-algorithm': 1 });
    expect(messy.problems.filter((p: any) => p.status === 'outside-folder').map((p: any) => p.name)).toEqual(['out-of-root.h5', 'into-secret.h5', '../scan2/secret.h5', '/etc/passwd']);
    expect(messy.problems.find((p: any) => p.name === 'folder.h5')).toEqual({ name: 'folder.h5', status: 'not-a-file', detail: 'on storage, but a folder, not a regular file' });
    expect(messy.problems.find((p: any) => p.name === 'gone.h5')).toEqual({ name: 'gone.h5', status: 'missing', detail: 'not on storage (ENOENT)' });
    const none = verify('files/nothing-here');
    expect([none.status, none.stderr.trim()]).toEqual([1, 'error NOT_FOUND: no dataset files/nothing-here that you may see']);
    const noneJson = verify('files/nothing-here', true);
    expect([noneJson.status, JSON.parse(noneJson.stdout)]).toEqual([1, { error: { code: 'NOT_FOUND', message: 'no dataset files/nothing-here that you may see' } }]);
    // a dataset under no storage root is a configuration matter, said as such, not every file "missing"
    const unmounted = verify(PIDS.unmounted);
    expect([unmounted.status, unmounted.stdout, unmounted.stderr.trim()]).toEqual([1, '', `error BAD_USER_INPUT: the files of dataset ${PIDS.unmounted} are not on this machine: its sourceFolder "${PREFIX}/p1/scan1" lies under no storage root of instrument "instrument/elsewhere" (CATALOG_STORAGE_ROOTS)`]);
    const groupsAlone = verify(PIDS.clean, false, ['--groups', 'pA']);
    expect([groupsAlone.status, groupsAlone.stderr.trim()]).toEqual([1, expect.stringContaining('--groups and --role describe the user given with --as; add --as <subject>')]);
  });
});

describe('configuration and media types', () => {
  const env = { MONGODB_URI: 'mongodb://127.0.0.1:1/x', CATALOG_JWT_SECRET: SECRET };
  test.each([
    ['{"instrument/a": "/mnt"}', 'CATALOG_STORAGE_ROOTS["instrument/a"] must be an object of sourceFolder prefix → local folder'],
    ['{"instrument/a": {"data": "/mnt"}}', 'CATALOG_STORAGE_ROOTS["instrument/a"]["data"]: the prefix must be an absolute, normalised path such as /facility/bl13w1'],
    ['{"instrument/a": {"/data/../etc": "/mnt"}}', 'CATALOG_STORAGE_ROOTS["instrument/a"]["/data/../etc"]: the prefix must be an absolute, normalised path such as /facility/bl13w1'],
    ['{"instrument/a": {"/data": "mnt"}}', 'CATALOG_STORAGE_ROOTS["instrument/a"]["/data"] must be an absolute local folder, or {"path": "<folder>", "writers": [...]} (got "mnt")'],
    ['{"instrument/a": {"/data": {"path": "/mnt", "writers": "bl-adapter"}}}', 'CATALOG_STORAGE_ROOTS["instrument/a"]["/data"].writers must be a list of subjects (e.g. ["bl13w1-adapter", "etl:*"])'],
    ['[1]', 'CATALOG_STORAGE_ROOTS must be a JSON object {"<instrument pid or *>": {"<sourceFolder prefix>": "<local folder>"}}'],
  ])('CATALOG_STORAGE_ROOTS=%s is refused by name', (value, problem) => {
    expect(() => loadConfig({ ...env, CATALOG_STORAGE_ROOTS: value })).toThrow(problem);
  });
  test('not JSON is refused with the parser\'s words; a trailing slash is accepted', () => {
    expect(() => loadConfig({ ...env, CATALOG_STORAGE_ROOTS: '{instrument' })).toThrow(/CATALOG_STORAGE_ROOTS is not JSON \(.+\); expected/);
    expect(loadConfig({ ...env, CATALOG_STORAGE_ROOTS: '{"*": {"/data/": "/mnt/data"}}' }).storageRoots).toEqual([{ instrumentId: '*', prefix: '/data', path: '/mnt/data' }]);
  });
  test('media types: facility formats first, then the common ones', () => {
    expect(['a.nxs', 'b.H5', 'c.cbf', 'd.tif', 'e.mrc', 'f.json', 'g', 'h.unknownext'].map(mediaTypeOf)).toEqual(['application/x-hdf5', 'application/x-hdf5', 'application/x-cbf', 'image/tiff', 'application/octet-stream', 'application/json; charset=utf-8', 'application/octet-stream', 'application/octet-stream']);
  });
});
