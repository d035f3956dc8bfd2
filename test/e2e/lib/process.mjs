// Child processes that are always cleaned up, and polling without fixed sleeps.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { budget } from './timing.mjs';

/** Commands started by run() and still running, for clean-up on a signal. */
export const running = new Set();

/** Runs a command to completion; rejects with its output when it fails or times out. */
export function run(cmd, args, { env, cwd, timeoutMs = budget(120_000) } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${out}`));
    });
  });
}

/** Signals the whole process group of a child started with `detached: true`. */
export function killGroup(child, signal = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM the group, then SIGKILL what is still alive after graceMs. */
export async function stopGroup(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM (e.g. the extension host) share the group.
  killGroup(child, 'SIGKILL');
}

/** Thrown from a poll probe to stop polling at once (e.g. the server died). */
export class FatalError extends Error {}

/** A probe's "not yet", with what it saw, for the timeout message. */
export class NotYet {
  constructor(detail) {
    this.detail = detail;
  }
}
export const notYet = (detail) => new NotYet(detail);

/**
 * Calls probe until it returns a truthy value other than notYet(...) and
 * returns that value; throws after timeoutMs with `what` and the last value,
 * notYet detail or error seen.
 */
export async function poll(probe, { timeoutMs = budget(30_000), intervalMs = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value instanceof NotYet) last = value.detail;
      else if (value) return value;
      else last = value;
    } catch (err) {
      if (err instanceof FatalError) throw err;
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) {
      const seen = typeof last === 'string' ? last : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${seen?.slice(0, 2000)})`);
    }
    await delay(intervalMs);
  }
}
