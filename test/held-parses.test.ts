// The analysis thread's parse state (lsp/heldParses.ts): large documents are
// analysed off the main thread, sent as whole texts; the edit found again
// between two versions must let the trees be updated incrementally, with the
// facts of a full extraction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initParsers } from '../server/src/engine/engine';
import { extractFacts } from '../server/src/frontends';
import type { Language } from '../server/src/ir/types';
import { differingStep } from '../server/src/frontends/changedRange';
import { HeldParses } from '../server/src/lsp/heldParses';
import { jobText, type AnalysisJob } from '../server/src/lsp/analysisWorker';
import { findings, pick, plain, random } from './support/editOracle';
import { benchCorpora } from './support/corpora';

test('the differing stretch turns the old text into the new one and splits no surrogate pair', () => {
  const rnd = random(3);
  const alphabet = ['a', 'b', '\n', '\r', '😀', '😁', 'é'];
  for (let i = 0; i < 3000; i++) {
    const before = Array.from({ length: Math.floor(rnd() * 12) }, () => pick(alphabet, rnd)).join('');
    const at = Math.floor(rnd() * (before.length + 1));
    const cut = Math.min(before.length, at + Math.floor(rnd() * 4));
    const inserted = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(alphabet, rnd)).join('');
    // Cut at code points: the texts an editor sends never hold half a pair.
    const after = [...before].slice(0, [...before.slice(0, at)].length).join('') + inserted + before.slice(cut);
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(after)) continue;
    const step = differingStep(before, after);
    if (before === after) {
      assert.equal(step, undefined);
      continue;
    }
    assert.ok(step);
    assert.equal(
      before.slice(0, step.start) + step.text + before.slice(step.end),
      after,
      JSON.stringify({ before, after }),
    );
    const low = (s: string, k: number) => /[\udc00-\udfff]/.test(s.charAt(k));
    assert.ok(!low(before, step.start) && !low(before, step.end), JSON.stringify({ before, after, step }));
  }
  // Long texts: the block comparison finds the same stretch.
  const long = 'x'.repeat(5000) + 'abc' + 'y'.repeat(7000);
  assert.deepEqual(differingStep(long, long.replace('abc', 'aXc')), {
    before: long,
    start: 5001,
    end: 5002,
    text: 'X',
  });
});

/** Keystrokes as the bench types them (after a declared name), a line deleted, and each undone. */
function versions(text: string, language: Language, rnd: () => number, count: number): string[] {
  const re = language === 'python' ? /^\s+[A-Za-z_]\w*(?= = )/gm : /^\s*(?:const|let|var) [A-Za-z_$][\w$]*(?= = )/gm;
  const spots: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) spots.push(m.index + m[0].length);
  const out: string[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const at = pick(spots, rnd);
    if (rnd() < 0.8) {
      for (const ch of 'abc') {
        const k = 'abc'.indexOf(ch);
        current = current.slice(0, at + k) + ch + current.slice(at + k);
        out.push(current);
      }
    } else {
      const start = current.lastIndexOf('\n', at) + 1;
      const end = current.indexOf('\n', at) + 1;
      out.push(current.slice(0, start) + current.slice(end));
    }
    // Undone: back to the text the spots were found in (one edit, several characters).
    current = text;
    out.push(current);
  }
  return out;
}

/** The bench's 5,000-line file of `language`, analysed once into a fresh HeldParses as `doc`. */
async function benchDocument(language: 'typescript' | 'python') {
  await initParsers();
  const corpora = benchCorpora();
  const text = readFileSync(language === 'python' ? corpora.bigPy : corpora.bigTs, 'utf8');
  const path = language === 'python' ? 'big.py' : 'big.ts';
  const held = new HeldParses();
  held.facts('doc', text, path, language);
  return { text, path, held };
}

for (const language of ['typescript', 'python'] as const) {
  test(`versions of the ${language} bench file sent whole are parsed incrementally, with full facts`, async () => {
    const { text, path, held } = await benchDocument(language);
    let incremental = 0;
    for (const [i, next] of versions(text, language, random(language.length), 6).entries()) {
      const facts = held.facts('doc', next, path, language);
      if (held.lastSpliced('doc')) incremental++;
      const full = extractFacts(language, next, path);
      assert.deepEqual(plain(facts), plain(full), `${path}: version ${i}`);
      assert.deepEqual(findings(facts), findings(full), `${path}: version ${i}`);
    }
    if (language === 'typescript') assert.ok(incremental >= 10, `only ${incremental} versions reused statements`);
    held.forget('doc');
    assert.equal(held.count, 0);
  });
}

test('the analysis thread keeps the trees of the last few documents only', async () => {
  await initParsers();
  const held = new HeldParses(2);
  for (const key of ['a', 'b', 'c']) held.facts(key, `X = "${key}"\n`, `${key}.py`, 'python');
  assert.equal(held.count, 2);
  // `a` was dropped: its next version is a full parse, still right.
  const facts = held.facts('a', 'Y = "a"\n', 'a.py', 'python');
  assert.deepEqual(plain(facts), plain(extractFacts('python', 'Y = "a"\n', 'a.py')));
  assert.equal(held.count, 2);
});

for (const language of ['typescript', 'python'] as const) {
  test(`versions of the ${language} bench file sent as edits are rebuilt and parsed incrementally, with full facts`, async () => {
    const { text, path, held } = await benchDocument(language);
    let base = text;
    for (const [i, next] of versions(text, language, random(language.length + 7), 5).entries()) {
      const step = differingStep(base, next) ?? { start: 0, end: 0, text: '' };
      const job: AnalysisJob = {
        kind: 'analyse',
        id: i,
        path,
        language,
        options: {},
        document: 'doc',
        edit: { start: step.start, end: step.end, text: step.text, length: base.length },
      };
      const rebuilt = jobText(job, base);
      assert.equal(rebuilt.text, next, `${path}: version ${i} rebuilt`);
      const facts = held.facts('doc', rebuilt.text, path, language, rebuilt.step);
      const full = extractFacts(language, next, path);
      assert.deepEqual(plain(facts), plain(full), `${path}: version ${i}`);
      assert.deepEqual(findings(facts), findings(full), `${path}: version ${i}`);
      base = next;
    }
  });
}

test('an edit that is not the one from the held text is not applied to the trees', async () => {
  await initParsers();
  const held = new HeldParses();
  held.facts('doc', 'A = 1\nB = "x"\n', 'a.py', 'python');
  // Another text's edit (a version analysed elsewhere): the held trees are moved by the differing stretch instead.
  const stale = { before: 'A = 1\n', start: 0, end: 0, text: 'Z' };
  const next = 'A = 1\nB = "xy"\nPASSWORD = "hunter22hunter"\n';
  const facts = held.facts('doc', next, 'a.py', 'python', stale);
  assert.deepEqual(plain(facts), plain(extractFacts('python', next, 'a.py')));
  // Any edit that explains the difference is right: "aa" → "aaa" as an insertion at 0.
  held.facts('k', 'X = "aa"\n', 'k.py', 'python');
  const again = held.facts('k', 'X = "aaa"\n', 'k.py', 'python', { before: 'X = "aa"\n', start: 5, end: 5, text: 'a' });
  assert.deepEqual(plain(again), plain(extractFacts('python', 'X = "aaa"\n', 'k.py')));
});

test('a job sent as an edit is refused when the thread does not hold the text it edits', () => {
  const job: AnalysisJob = {
    kind: 'analyse',
    id: 1,
    path: 'a.py',
    language: 'python',
    options: {},
    document: 'doc',
    edit: { start: 1, end: 2, text: 'x', length: 3 },
  };
  assert.deepEqual(jobText(job, 'abc'), { text: 'axc', step: { before: 'abc', start: 1, end: 2, text: 'x' } });
  assert.throws(() => jobText(job, undefined), /lost the text/);
  assert.throws(() => jobText(job, 'abcd'), /lost the text/);
  assert.deepEqual(jobText({ ...job, edit: undefined, text: 'whole' }, undefined), { text: 'whole' });
});
