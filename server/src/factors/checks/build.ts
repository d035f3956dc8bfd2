/** V. Build, release, run: a build/release definition, and no installs at run time (rule check). */
import type { Check } from '../../shared/compliance';
import { type CheckContext, filesOfKind, listSome } from '../context';
import { parseComposeServices } from '../procfile';

export function buildChecks(ctx: CheckContext): Check[] {
  const files = [
    ...filesOfKind(ctx, 'dockerfile', 'procfile', 'ci', 'makefile').map((f) => f.path),
    ...filesOfKind(ctx, 'package-json')
      .filter((f) => hasBuildScript(f.text))
      .map((f) => f.path),
    ...filesOfKind(ctx, 'compose')
      // A service with a `build:` entry, as the compose document reader sees it (not a line that looks like one).
      .filter((f) => parseComposeServices(f.text ?? '').some((s) => s.build))
      .map((f) => f.path),
  ].sort();
  if (files.length > 0) {
    return [{ id: 'build-definition', status: 'pass', message: `build/release defined by ${listSome(files)}`, files }];
  }
  if (ctx.sources.length === 0) {
    return [{ id: 'build-definition', status: 'unknown', message: 'no app code and no build definition', files: [] }];
  }
  return [
    {
      id: 'build-definition',
      status: 'warn',
      message: 'no Dockerfile, Procfile, build script or CI workflow defines how the app is built and released',
      files: [],
    },
  ];
}

function hasBuildScript(text: string | undefined): boolean {
  if (!text) return false;
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    return (
      !!scripts && Object.keys(scripts).some((k) => /^(?:build|release|prepare|dist|bundle|package)(?::|$)/.test(k))
    );
  } catch {
    return false;
  }
}
