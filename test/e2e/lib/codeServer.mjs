// code-server (VS Code served to a browser) started inside a sandbox.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { CODE_SERVER } from './paths.mjs';
import { FatalError, poll, run, stopGroup } from './process.mjs';
import { budget } from './timing.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function installExtension(sandbox, vsix) {
  const out = await run(CODE_SERVER, [...sandbox.codeServerDirArgs, '--install-extension', vsix], {
    env: sandbox.env,
    timeoutMs: budget(120_000),
  });
  if (!/successfully installed/i.test(out)) throw new Error(`--install-extension did not confirm:\n${out}`);
  return out;
}

export async function listExtensions(sandbox) {
  const out = await run(CODE_SERVER, [...sandbox.codeServerDirArgs, '--list-extensions', '--show-versions'], {
    env: sandbox.env,
  });
  return out.split('\n').filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

/**
 * Starts code-server on a free loopback port in its own process group and
 * waits for /healthz. `extraArgs` are passed through (e.g. extension
 * development flags); `env` is added to the sandbox's environment and
 * reaches the extension host. Returns { url, port, child, stop }.
 */
export async function startCodeServer(sandbox, { logFile, extraArgs = [], env = {} } = {}) {
  const port = await freePort();
  const args = [
    ...sandbox.codeServerDirArgs,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...extraArgs,
  ];
  const child = spawn(CODE_SERVER, args, {
    env: { ...sandbox.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = logFile ? createWriteStream(logFile) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      output += d;
      log?.write(d);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    log?.end();
  };
  try {
    await poll(
      async () => {
        if (child.exitCode !== null) throw new FatalError(`code-server exited with ${child.exitCode}:\n${output}`);
        const res = await fetch(`${url}/healthz`);
        return res.ok;
      },
      { timeoutMs: budget(30_000), what: `code-server /healthz on port ${port}` },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, child, stop, output: () => output };
}
