// A bench peer (bench/peers.mjs): Ruff's wasm build with the flake8-bandit
// (`S`) rules over every .py file under DIR, one file at a time in one thread,
// as an editor integration of it would run.
//   node bench/peer-ruff.mjs PEERS_DIR DIR   → {"files":…,"findings":…,"failed":…}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pyFiles } from './pyFiles.mjs';

const [peersDir, root] = process.argv.slice(2);
const require = createRequire(join(peersDir, 'package.json'));
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const workspace = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let findings = 0;
let failed = 0;
const files = pyFiles(root);
for (const file of files) {
  try {
    findings += workspace.check(readFileSync(file, 'utf8')).filter((d) => d.code?.startsWith('S')).length;
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ files: files.length, findings, failed }));
