// What the extension under test declares, so that each e2e step runs exactly
// when its feature exists: a declared feature whose step fails is a failure,
// never a skip.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.mjs';
import { killGroup } from './process.mjs';
import { budget } from './timing.mjs';

export function installedExtensionDir(sandbox, id = 'twelve-factor.twelve-factor') {
  const dir = readdirSync(sandbox.dirs.extensions).find((d) => d.toLowerCase().startsWith(`${id}-`));
  if (!dir) throw new Error(`${id} is not in ${sandbox.dirs.extensions}`);
  return path.join(sandbox.dirs.extensions, dir);
}

export function readManifest(extDir) {
  return JSON.parse(readFileSync(path.join(extDir, 'package.json'), 'utf8'));
}

/** Rule ids listed in the one registry, server/src/rules/index.ts. */
export function registeredRules() {
  const registry = readFileSync(path.join(REPO, 'server/src/rules/index.ts'), 'utf8');
  const ids = new Set();
  for (const m of registry.matchAll(/from\s+['"]\.\/([a-z0-9-]+)(?:\/[^'"]*)?['"]/g)) ids.add(m[1]);
  return ids;
}

/** The view of the compliance outline, when the manifest declares one. */
export function declaredView(manifest) {
  const views = Object.values(manifest.contributes?.views ?? {}).flat();
  return views.find((v) => /twelve.?factor/i.test(`${v.id} ${v.name}`));
}

/** The activity-bar container that holds the view, when declared. */
export function declaredContainer(manifest) {
  return (manifest.contributes?.viewsContainers?.activitybar ?? []).find((c) =>
    /twelve.?factor/i.test(`${c.id} ${c.title}`),
  );
}

/** The status-bar score ships in the extension bundle as its `12F` label. */
export function bundleHasStatusBar(extDir) {
  const bundle = path.join(extDir, 'dist/extension.js');
  return existsSync(bundle) && /\b12F\b/.test(readFileSync(bundle, 'utf8'));
}

/**
 * Starts `node ...args` (a server speaking LSP on stdio), sends `initialize`
 * and returns the capabilities it answers with.
 */
export function serverCapabilities(args, rootDir, timeoutMs = budget(20_000)) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = Buffer.alloc(0);
    let stderr = '';
    const finish = (fn, value) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      fn(value);
    };
    const timer = setTimeout(
      () => finish(reject, new Error(`no initialize result from node ${args.join(' ')} in ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    child.on('error', (err) => finish(reject, err));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString());
        buf = buf.subarray(head + 4 + len);
        if (msg.id === 1) {
          if (msg.error) finish(reject, new Error(`initialize failed: ${msg.error.message}`));
          else finish(resolve, msg.result.capabilities);
          return;
        }
      }
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri: `file://${rootDir}`,
        workspaceFolders: [{ uri: `file://${rootDir}`, name: path.basename(rootDir) }],
        capabilities: {},
      },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
