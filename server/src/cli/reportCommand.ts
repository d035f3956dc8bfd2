/**
 * `twelve-factor report [PATH] --format text|json|markdown`: the compliance
 * outline of one folder, the same model the editor's view shows.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeCompliance } from '../factors/compute';
import { renderMarkdown } from '../shared/render/markdown';
import { renderText } from '../shared/render/text';
import { loadConfig } from '../workspace/config';
import { relPosix } from '../lib/globs';
import { CliError, formatConfigError, type CheckIo } from './check';
import { ProgressBar } from './progress';
import type { ReportArgs } from './reportArgs';

export async function runReport(args: ReportArgs, io: CheckIo): Promise<number> {
  const root = resolve(io.cwd, args.path);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new CliError([`${args.path}: does not exist`]);
  }
  if (!isDir) throw new CliError([`${args.path}: not a directory`]);
  const loaded = loadConfig(root);
  if (loaded.errors.length > 0) throw new CliError(loaded.errors.map((e) => formatConfigError(e, io.cwd)));
  const bar = args.progress && io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  let model;
  try {
    model = await computeCompliance(root, { config: loaded.config, onProgress: (p) => bar?.update(p) });
  } finally {
    bar?.clear();
  }
  const title = relPosix(io.cwd, root);
  if (args.format === 'json') io.stdout.write(JSON.stringify(model, null, 2) + '\n');
  else if (args.format === 'markdown') io.stdout.write(renderMarkdown(model, { title }));
  else io.stdout.write(renderText(model, { title, color: args.color && io.colorSupported }));
  return 0;
}
