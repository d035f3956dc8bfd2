// The result cache's file body: what is encoded decodes to exactly the same
// entries, and what is not a well-formed entry is dropped, never trusted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntries, encodeEntries, type CacheEntry } from '../server/src/workspace/cacheFormat';
import type { FileSignals } from '../server/src/ir/signals';

const none = (): FileSignals => ({
  envReads: [],
  sigterm: [],
  servers: [],
  routes: [],
  databases: [],
  shutdownLibraries: [],
  cliLibraries: [],
  exports: [],
});

function entries(): Map<string, CacheEntry> {
  const withSome: FileSignals = { ...none(), envReads: ['PORT'], exports: [{ path: ['VERSION'], value: 'other' }] };
  const withoutExports: Partial<FileSignals> = none();
  delete withoutExports.exports;
  const unknownKey = { ...none(), later: [] } as unknown as FileSignals;
  const finding = { rule: 'hardcoded-port', message: 'Port 3000 hardcoded', line: 1 };
  return new Map<string, CacheEntry>([
    ['b.py', { key: 'k2', salt: 's1', stamp: '1:2:3:4', signals: true, result: { findings: [], signals: withSome } }],
    ['a.py', { key: 'k1', salt: 's1', signals: true, result: { findings: [], role: 'tooling', signals: none() } }],
    ['c.js', { key: 'k3', salt: 's2', stamp: '5:6:7:8', signals: false, result: { findings: [finding] as never } }],
    [
      'd.py',
      { key: 'k4', salt: 's2', signals: true, result: { findings: [], signals: withoutExports as FileSignals } },
    ],
    ['e.py', { key: 'k5', salt: 's3', signals: true, result: { findings: [], signals: unknownKey } }],
  ]);
}

test('encoded entries decode to the same entries, each salt written once', () => {
  const original = entries();
  const body = encodeEntries(original);
  const decoded = decodeEntries(body);
  assert.deepEqual([...decoded.keys()], ['a.py', 'b.py', 'c.js', 'd.py', 'e.py']);
  for (const [path, entry] of original) assert.deepEqual(decoded.get(path), entry, path);
  assert.deepEqual(JSON.parse(body).salts, ['s1', 's2', 's3']);
  // Empty lists are not spelled out.
  assert.ok(!body.includes('"shutdownLibraries"'), body);
  // Stable: the same entries in another order write the same bytes.
  assert.equal(encodeEntries(new Map([...original].reverse())), body);
});

test('malformed entries are dropped, a body of another shape yields none', () => {
  const body = JSON.parse(encodeEntries(entries())) as { salts: unknown[]; files: Record<string, unknown> };
  body.files['a.py'] = ['k1', 99, 0, 1, { findings: [] }];
  body.files['b.py'] = ['k2', 0, 0, 2, { findings: [] }];
  body.files['c.js'] = ['k3', 0, 0, 1, { findings: 'none' }];
  body.files['d.py'] = { key: 'k4' };
  body.files['e.py'] = ['k5', 0, 0, 1, { findings: [], signals: { '~': 'all' } }];
  body.files['f.py'] = ['k6', 0, 0, 0, { findings: [] }];
  assert.deepEqual([...decodeEntries(JSON.stringify(body)).keys()], ['f.py']);
  assert.equal(decodeEntries('[]').size, 0);
  assert.equal(decodeEntries('null').size, 0);
  assert.equal(decodeEntries(JSON.stringify({ salts: [], files: null })).size, 0);
});
