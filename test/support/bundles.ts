/**
 * Which built files a bundle loads at run time, read from the bundles
 * themselves: each names the files esbuild.mjs wrote beside it
 * (`join(__dirname, 'worker.js')`, `require('./jsparser.js')`, the wasm
 * files), and every bundle found that way is searched in turn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` names `file` as a string literal or the last segment of one (`"dist/server.js"`, `"./worker.js"`). */
export function names(text: string, file: string): boolean {
  return new RegExp(`["'\`/]${escape(file)}["'\`]`).test(text);
}

/** The `dist/…` files reachable from `main` (a `dist/…` path under `root`) through the names each bundle holds. */
export function runtimeFiles(root: string, main: string, built: readonly string[]): Set<string> {
  const needed = new Set([main]);
  const queue = [main];
  for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
    const text = readFileSync(join(root, bundle), 'utf8');
    for (const file of built) {
      const rel = `dist/${file}`;
      if (needed.has(rel) || !names(text, file)) continue;
      needed.add(rel);
      if (file.endsWith('.js')) queue.push(rel);
    }
  }
  return needed;
}
