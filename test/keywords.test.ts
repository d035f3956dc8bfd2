// The rules' keyword prefilter kept between versions of a document
// (engine/keywords.ts): after any sequence of edits, which rules it lets run
// must be exactly what a fresh search of the whole text says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { activeRules } from '../server/src/engine/engine';
import { KeywordGate, keywordPattern, type KeywordPattern } from '../server/src/engine/keywords';
import { RULES } from '../server/src/rules';
import { benchCorpora } from './support/corpora';
import { pick, random } from './support/editOracle';

const PATTERNS = RULES.map(keywordPattern).filter((k): k is KeywordPattern => k !== null);
const KEYWORDS = RULES.flatMap((r) => r.meta.keywords ?? []);

test('every rule with keywords has a pattern, the longest keyword its reach', () => {
  assert.ok(PATTERNS.length >= 5, `only ${PATTERNS.length} rules with keywords`);
  for (const rule of RULES) {
    const k = keywordPattern(rule);
    const words = rule.meta.keywords;
    if (!words) assert.equal(k, null);
    else assert.equal(k?.longest, Math.max(0, ...words.map((w) => w.length)));
  }
});

test('after random edits the kept search answers as a fresh search of the whole text', () => {
  const rnd = random(11);
  // Keywords, their halves and filler: edits make, break, split and join keywords.
  const pieces = [
    ...KEYWORDS,
    ...KEYWORDS.map((k) => k.slice(0, k.length >> 1)),
    ...KEYWORDS.map((k) => k.slice(k.length >> 1)),
  ];
  const filler = ['x', ' ', '\n', '(', '😀', 'é', '_'];
  const draw = () => (rnd() < 0.3 ? pick(pieces, rnd) : pick(filler, rnd));
  let checked = 0;
  for (let doc = 0; doc < 60; doc++) {
    const gate = new KeywordGate();
    let text = Array.from({ length: Math.floor(rnd() * 30) }, draw).join('');
    for (let version = 0; version < 40; version++) {
      const test = gate.tester(text);
      // In a shuffled order, some asked twice: answers do not depend on which were asked before.
      for (const k of [...PATTERNS].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(rnd() * PATTERNS.length))) {
        assert.equal(test(k), k.pattern.test(text), JSON.stringify({ doc, version, text, pattern: k.pattern.source }));
        checked++;
      }
      if (rnd() < 0.1) continue; // The same text again.
      const start = Math.floor(rnd() * (text.length + 1));
      const end = Math.min(text.length, start + (rnd() < 0.5 ? 0 : Math.floor(rnd() * 12)));
      const inserted = Array.from({ length: Math.floor(rnd() * 3) }, draw).join('');
      text = text.slice(0, start) + inserted + text.slice(end);
    }
  }
  assert.ok(checked > 10_000, `${checked} answers checked`);
});

test('a keyword typed, deleted and rejoined in a large file: the rules that run are those of a fresh search', () => {
  const text = readFileSync(benchCorpora().bigPy, 'utf8');
  const gate = new KeywordGate();
  const options = { role: 'app' as const };
  const versions = [
    text,
    text + '\nx = "pi"',
    text + '\nx = "pid"', // a keyword made by its last character
    text + '\nx = "pi"', // and broken again
    text + '\nx = "p id"', // split by a character typed inside it
    text.replace(/daemon/g, 'dae mon'),
    text.replace(/daemon/g, 'daemon'),
    'x = 1\n',
    'import subprocess\nsubprocess.run(["apt-get", "install", "x"])\n',
  ];
  for (const [i, v] of versions.entries()) {
    const kept = activeRules(v, 'python', options, gate.tester(v)).map((r) => r.meta.id);
    const fresh = activeRules(v, 'python', options).map((r) => r.meta.id);
    assert.deepEqual(kept, fresh, `version ${i}`);
  }
});
