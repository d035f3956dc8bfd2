// The .vsix under test: E2E_VSIX when given, else a fresh `npm run package`.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.mjs';
import { run } from './process.mjs';
import { budget } from './timing.mjs';

export async function packageVsix() {
  if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
  await run('npm', ['run', 'package', '--silent'], { cwd: REPO, timeoutMs: budget(180_000) });
  const vsix = readdirSync(REPO)
    .filter((f) => /^twelve-factor-.*\.vsix$/.test(f))
    .map((f) => path.join(REPO, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!vsix) throw new Error('npm run package produced no twelve-factor-*.vsix');
  return vsix;
}
