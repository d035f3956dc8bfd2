/**
 * The two real dotenv readers as test oracles: npm `dotenv.parse` in process,
 * and python-dotenv (Debian `python3-dotenv`, run by /usr/bin/python3) in ONE
 * Python process per batch, so thousands of files cost one spawn.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';

export const PYTHON = '/usr/bin/python3';
export const PYTHON_DOTENV_MISSING =
  'python-dotenv is not importable by /usr/bin/python3: install the Debian package python3-dotenv (apt-get install -y python3-dotenv); CI installs it in .ci/run';

export type PyValues = Record<string, string | null>;

export interface PyResult {
  /** `dotenv_values(stream=io.StringIO(text), interpolate=False)`. */
  raw: PyValues;
  /** Same with the default `interpolate=True`. */
  interpolated: PyValues;
  /** `interpolate=False`, newlines translated as when python-dotenv opens a file (universal newlines). */
  fromFile: PyValues;
  /** 1-based lines of statements python-dotenv could not parse. */
  errorLines: number[];
}

const SCRIPT = String.raw`
import io, json, logging, sys
logging.disable(logging.CRITICAL)
from dotenv import dotenv_values
from dotenv.parser import parse_stream
with open(sys.argv[1], encoding="utf-8") as f:
    cases = json.load(f)
out = []
for text in cases:
    out.append({
        "raw": dotenv_values(stream=io.StringIO(text), interpolate=False),
        "interpolated": dotenv_values(stream=io.StringIO(text), interpolate=True),
        "fromFile": dotenv_values(stream=io.StringIO(text, newline=None), interpolate=False),
        "errorLines": [b.original.line for b in parse_stream(io.StringIO(text)) if b.error],
    })
sys.stdout.write(json.dumps(out, ensure_ascii=True))
`;

/** Throws with PYTHON_DOTENV_MISSING when python-dotenv cannot be imported. */
export function assertPythonDotenv(): void {
  const r = spawnSync(PYTHON, ['-c', 'import dotenv.parser, dotenv.main'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${PYTHON_DOTENV_MISSING}\n${r.stderr ?? r.error?.message ?? ''}`);
}

export function pythonDotenv(texts: readonly string[]): PyResult[] {
  assertPythonDotenv();
  const dir = mkdtempSync(join(tmpdir(), 'tf-dotenv-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(texts), 'utf8');
    const stdout = execFileSync(PYTHON, ['-c', SCRIPT, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      // A clean environment: interpolation must not depend on the test runner's variables.
      env: { LC_ALL: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' },
    });
    const results = JSON.parse(stdout) as PyResult[];
    if (results.length !== texts.length)
      throw new Error(`python returned ${results.length} results for ${texts.length}`);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function npmDotenv(text: string): Record<string, string> {
  return dotenv.parse(text);
}

/** dotenv v18's opt-in scanner (`{ fast: true }`), checked too so a switch does not break our files. */
export function npmDotenvFast(text: string): Record<string, string> {
  return (dotenv.parse as (src: string, opts: { fast: boolean }) => Record<string, string>)(text, { fast: true });
}
