/**
 * The `$twelve-factor` problem matcher (package.json `problemMatchers`) reads
 * what `twelve-factor check` prints: its regular expression, applied to the
 * real text output of the built CLI, finds every finding of the JSON output
 * (file, line, column, severity, rule, message) and nothing else. The task
 * provider's command line (client/src/checkCommand.ts) is the one run here.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkArgs } from '../client/src/checkCommand';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');

interface Matcher {
  name: string;
  pattern: {
    regexp: string;
    file: number;
    line: number;
    column: number;
    severity: number;
    code: number;
    message: number;
  };
}

function run(cwd: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  } catch (error) {
    // Exit 1: findings at or above --fail-on; the output is what matters.
    return (error as { stdout: string }).stdout;
  }
}

test('the problem matcher reads every finding of the CLI text output, and only those', (t) => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: Matcher[]; taskDefinitions: { type: string }[] };
  };
  const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'twelve-factor');
  assert.ok(matcher, 'no twelve-factor problem matcher');
  assert.ok(manifest.contributes.taskDefinitions.some((d) => d.type === 'twelve-factor'));
  const dir = mkdtempSync(join(tmpdir(), 'tf-matcher-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'odd dir: v2'));
  writeFileSync(join(dir, 'worker.py'), 'import os\n\nopen("/var/run/worker.pid", "w").write(str(os.getpid()))\n');
  writeFileSync(join(dir, 'odd dir: v2', 'app.py'), 'import logging\nhandler = logging.FileHandler("app.log")\n');
  writeFileSync(join(dir, 'server.js'), "const port = 3000;\nrequire('http').createServer().listen(3000);\n");

  const text = run(dir, checkArgs(CLI));
  const json = JSON.parse(run(dir, [CLI, 'check', '.', '--format', 'json'])) as {
    findings: {
      file: string;
      rule: string;
      severity: string;
      message: string;
      range: { start: { line: number; column: number } };
    }[];
  };
  assert.ok(json.findings.length >= 3, `findings: ${JSON.stringify(json.findings.map((f) => f.rule))}`);
  assert.ok(!/\x1b\[/.test(text), 'the task output is coloured');

  const re = new RegExp(matcher.pattern.regexp);
  const p = matcher.pattern;
  const matched = text
    .split('\n')
    .map((line) => re.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      file: m[p.file],
      line: Number(m[p.line]),
      column: Number(m[p.column]),
      severity: m[p.severity],
      rule: m[p.code],
      message: m[p.message],
    }));
  const expected = json.findings.map((f) => ({
    file: f.file,
    line: f.range.start.line,
    column: f.range.start.column,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  }));
  const key = (f: object) => JSON.stringify(f);
  assert.deepEqual(matched.map(key).sort(), expected.map(key).sort());
  assert.ok(
    matched.some((f) => f.file === 'odd dir: v2/app.py'),
    'a path with a space and a colon is read whole',
  );
});
