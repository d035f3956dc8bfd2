/**
 * The source files of a tree as the bench's in-process probes read them (bench/probe.ts,
 * bench/floor.ts): every file the engine reads, outside `.git` and `node_modules`, with its
 * text, minus what the engine would skip (minified, generated).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { languageOf } from '../server/src/frontends';
import { shouldSkipText } from '../server/src/frontends/skip';
import type { InputKind, Language } from '../server/src/ir/types';

export interface Source {
  rel: string;
  text: string;
  language: Language;
}

export function sources(root: string): Source[] {
  return inputs(root, languageOf).map((s) => ({ ...s, language: s.language as Language }));
}

export interface Input {
  rel: string;
  text: string;
  language: InputKind;
}

export function inputs(root: string, kindOf: (name: string) => InputKind | undefined): Input[] {
  const out: Input[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) {
        const language = kindOf(e.name);
        if (!language) continue;
        const rel = relative(root, p).split('\\').join('/');
        const text = readFileSync(p, 'utf8');
        if (!shouldSkipText(text, rel)) out.push({ rel, text, language });
      }
    }
  };
  visit(root);
  return out;
}
