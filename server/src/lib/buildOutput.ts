/**
 * Build output folders (`dist/`, `build/`, `out/`): compiled from the
 * project's sources, so skipped unless git tracks them. Committed build
 * output ships what it holds, so the walker (workspace/walker.ts) and the
 * editor (lsp/analyzer.ts) analyse the files git tracks there as compiled.
 */
export const BUILD_OUTPUT_DIRS: ReadonlySet<string> = new Set(['dist', 'build', 'out']);

/** Whether a `/`-separated relative path lies under a build output folder. */
export function inBuildOutput(relPath: string): boolean {
  const parts = relPath.split('/');
  return parts.slice(0, -1).some((p) => BUILD_OUTPUT_DIRS.has(p));
}
