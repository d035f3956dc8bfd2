// The Python files under a folder (outside .git), for the bench's drivers.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function pyFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== '.git') pyFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
  return out;
}
