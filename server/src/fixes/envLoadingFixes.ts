/**
 * The "Move to .env" variants that depend on what loads `.env`
 * (fixes/dotenvLoading.ts): the move that also makes the app load it, offered
 * when nothing does, and the move fix-all may make on its own, only when
 * something does, `.env` is not tracked and reads cleanly. Each is one plan:
 * one edit, one undo.
 */
import { join } from 'node:path';
import type { Finding } from '../ir/types';
import { unsafeToMoveAlone } from './dotenvLoading';
import { loadDotenvEdits } from './loadDotenv';
import { canMoveToEnv, moveAllToEnv, moveToEnv, type MoveContext } from './moveToEnv';
import { isRefusal, mergePatches, type FixResult } from './patch';

/**
 * Move to .env and load it: the move's edits, then `load_dotenv()` /
 * `import 'dotenv/config'` in the module and the dependency in the manifest.
 * Undefined when something already loads `.env` (or nothing is known about
 * it) or the move itself is refused: the plain move's action says why.
 */
export function moveToEnvAndLoad(ctx: MoveContext, finding: Finding): FixResult | undefined {
  if (!ctx.loading || ctx.loading.loader) return undefined;
  const moved = moveToEnv(ctx, finding);
  if (isRefusal(moved)) return undefined;
  const name = /^Move "([^"]+)"/.exec(moved.title)?.[1] ?? 'the value';
  const load = loadDotenvEdits(ctx);
  if ('refused' in load) return { title: `Move "${name}" to .env and load .env`, refused: load.refused };
  const title = `Move "${name}" to .env and load .env with ${load.library} (${load.summary})`;
  const source = moved.patches.filter((p) => p.path === ctx.path);
  const others = moved.patches.filter((p) => p.path !== ctx.path);
  const loaderPatch = { path: ctx.path, create: false, text: ctx.text, changes: [load.source] };
  // The document last, as the move plans it; at one offset (a module without imports) `import os` comes first.
  return {
    title,
    patches: mergePatches([...others, ...(load.manifest ? [load.manifest] : []), ...source, loaderPatch]),
  };
}

export interface FixAllMove {
  /** The move of every movable finding, when it is safe without a look (never a refusal). */
  result?: FixResult;
  /** Why the values stay where they are (shown in the fix-all title and the log). */
  leftOut?: string;
}

/** The move fix-all makes: only when `.env` demonstrably reaches the process, is not tracked and reads cleanly. */
export function moveForFixAll(ctx: MoveContext, findings: readonly Finding[]): FixAllMove {
  const movable = findings.filter(canMoveToEnv);
  if (movable.length === 0) return {};
  const via = ctx.language === 'python' ? 'os.environ' : 'process.env';
  const unsafe = unsafeToMoveAlone(ctx.loading, via);
  if (unsafe) return { leftOut: unsafe };
  const envPath = join(ctx.root, '.env');
  if (ctx.files.read(envPath) !== undefined && ctx.files.isTracked(envPath)) {
    return { leftOut: '.env is tracked by git: the values would be committed' };
  }
  const result = moveAllToEnv(ctx, movable);
  return isRefusal(result) ? { leftOut: result.refused } : { result };
}
