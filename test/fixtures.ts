/** Helpers shared by the data-driven rule tests: fixture discovery and `expect:` markers. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const RULES_DIR = join(__dirname, '..', 'server', 'src', 'rules');

export interface Fixture {
  ruleDir: string;
  file: string;
  relPath: string;
  text: string;
}

/** Every fixture file of every rule folder (fix outputs `*.fixed.*` excluded). */
export function ruleFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const ruleDir of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!ruleDir.isDirectory()) continue;
    const dir = join(RULES_DIR, ruleDir.name, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const file of walk(dir)) {
      if (/\.fixed\./.test(file)) continue;
      const relPath = file.slice(dir.length + 1);
      out.push({ ruleDir: ruleDir.name, file, relPath, text: readFileSync(file, 'utf8') });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files.sort();
}

const MARKER = /(?:#|\/\/|\/\*)\s*expect(-next-line)?:\s*([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/;

/**
 * `line:rule` keys (1-based lines) of the `expect:` markers in a fixture.
 * `expect-next-line:` on a comment line marks the line below, for formats
 * with no trailing comments (a `#` after a Dockerfile instruction is part of
 * its arguments).
 */
export function expectedMarkers(text: string): Set<string> {
  const keys = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    const at = m[1] ? i + 2 : i + 1;
    for (const rule of m[2].split(',')) keys.add(`${at}:${rule.trim()}`);
  });
  return keys;
}
