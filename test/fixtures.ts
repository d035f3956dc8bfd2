/** Fixture discovery for the data-driven rule tests (their markers: support/markers.ts). */
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
