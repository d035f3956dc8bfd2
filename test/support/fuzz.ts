/**
 * Mutation fuzzing of the engine, shared by test/fuzz.test.ts (a fixed-seed
 * sample) and scripts/fuzz.ts (`npm run fuzz`). Seeds are the rule fixtures
 * and, when installed, Django's sources; mutations are what editors and
 * broken files produce: truncation, flipped characters, inserted tokens
 * (brackets, quotes, f-string and template openers, indentation), deleted and
 * duplicated ranges.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyzeText, languageOf } from '../../server/src/engine/engine';
import type { Language } from '../../server/src/ir/types';

export interface Seed {
  path: string;
  text: string;
  language: Language;
}

const RULES_DIR = resolve(__dirname, '..', '..', 'server', 'src', 'rules');
export const DJANGO_DIR = '/usr/lib/python3/dist-packages/django';

export function fixtureSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const rule of readdirSync(RULES_DIR)) {
    const dir = join(RULES_DIR, rule, 'fixtures');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const language = languageOf(name);
      if (language) seeds.push({ path: `${rule}/${name}`, text: readFileSync(join(dir, name), 'utf8'), language });
    }
  }
  return seeds;
}

/** Up to `limit` Python files of the installed Django, in a stable order; none when it is absent. */
export function corpusSeeds(limit: number, maxBytes = 60_000): Seed[] {
  const seeds: Seed[] = [];
  const visit = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (seeds.length >= limit) return;
      const abs = join(dir, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (st?.isDirectory() && name !== '__pycache__') visit(abs);
      else if (st?.isFile() && name.endsWith('.py') && st.size <= maxBytes && st.size > 0)
        seeds.push({ path: abs.slice(DJANGO_DIR.length + 1), text: readFileSync(abs, 'utf8'), language: 'python' });
    }
  };
  visit(DJANGO_DIR);
  return seeds;
}

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '"""',
  "'''",
  '${',
  'f"{',
  "f'{",
  'rb"',
  '\\',
  '#',
  '//',
  '/*',
  '*/',
  '\n',
  '\r\n',
  '\t',
  '    ',
  ':',
  ';',
  ',',
  '=',
  '=>',
  'def ',
  'class ',
  'function ',
  'async ',
  'await ',
  'lambda ',
  'password = "',
  'process.env.',
  'os.environ[',
  '<div>',
  '</',
  '@',
  '\u2028',
  '\ufeff',
  '\ud800',
  '😀',
  '\0',
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'insert'; at: number; token: string; times: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }).map((m) => m as Mutation),
  fc.record({
    kind: fc.constant('flip' as const),
    at: position,
    char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    token: fc.constantFrom(...TOKENS),
    times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }),
);

export interface FuzzCase {
  seed: Seed;
  mutations: Mutation[];
}

export function caseArb(seeds: readonly Seed[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
  });
}

export function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    const at = Math.floor(m.at * text.length);
    switch (m.kind) {
      case 'truncate':
        text = text.slice(0, at);
        break;
      case 'flip':
        text = text.slice(0, at) + m.char + text.slice(at + 1);
        break;
      case 'insert':
        text = text.slice(0, at) + m.token.repeat(m.times) + text.slice(at);
        break;
      case 'delete':
        text = text.slice(0, at) + text.slice(at + m.length);
        break;
      case 'duplicate':
        text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        break;
    }
  }
  return text;
}

export interface FuzzStats {
  iterations: number;
  exceptions: number;
  outOfRange: number;
  slowest: { ms: number; path: string };
  failures: string[];
}

export function newStats(): FuzzStats {
  return { iterations: 0, exceptions: 0, outOfRange: 0, slowest: { ms: 0, path: '' }, failures: [] };
}

/**
 * Analyses one mutated text and records what went wrong: an exception that
 * escaped, a finding outside the text, a range that disagrees with its span.
 * Returns false on any of these (so fast-check can shrink the case).
 */
export function checkCase(c: FuzzCase, stats: FuzzStats): boolean {
  const text = mutate(c.seed.text, c.mutations);
  stats.iterations++;
  const started = performance.now();
  let result;
  try {
    result = analyzeText(text, c.seed.path, c.seed.language, { signals: true });
  } catch (error) {
    stats.exceptions++;
    stats.failures.push(`${c.seed.path}: ${error instanceof Error ? error.name : typeof error} escaped the engine`);
    return false;
  }
  const ms = performance.now() - started;
  if (ms > stats.slowest.ms) stats.slowest = { ms, path: c.seed.path };
  // Lines as LSP counts them: CR, LF and CRLF each end one (lone-CR Python files are valid).
  const lines = text.split(/\r\n|\r|\n/);
  for (const f of result.findings) {
    const { start, end } = f.span;
    const inText = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length;
    const { start: s, end: e } = f.range;
    const inLines =
      s.line >= 0 &&
      e.line < lines.length &&
      (s.line < e.line || (s.line === e.line && s.character <= e.character)) &&
      s.character <= lines[s.line].length &&
      e.character <= lines[e.line].length;
    if (!inText || !inLines) {
      stats.outOfRange++;
      stats.failures.push(`${c.seed.path}: ${f.rule} finding out of range`);
      return false;
    }
  }
  return true;
}

/** A file whose findings are known: analysed between cases, it shows that bad input did not corrupt the parsers. */
export const CANARIES: Seed[] = [
  { path: 'canary.py', language: 'python', text: 'import os\nPASSWORD = "Zq9vT2mLx8pW4rKs"\napp.run(port=5000)\n' },
  { path: 'canary.ts', language: 'typescript', text: 'const password = "Zq9vT2mLx8pW4rKs";\napp.listen(3000);\n' },
];

export function canarySignature(): string {
  return CANARIES.map((c) =>
    analyzeText(c.text, c.path, c.language)
      .findings.map((f) => `${f.rule}@${f.span.start}-${f.span.end}`)
      .join(','),
  ).join('|');
}
