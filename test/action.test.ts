/**
 * The GitHub Action (action.yml), its steps run as the runner runs a
 * composite action: `${{ inputs.* }}` and `${{ github.action_path }}`
 * substituted, each `run` in bash with GITHUB_ACTION_PATH and GITHUB_OUTPUT
 * set. The build step finds dist/cli.js built and skips; the check writes a
 * SARIF log for upload-sarif and fails the step only at `fail-on`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const REPO = join(__dirname, '..');

interface Step {
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

/** The expressions a composite action's steps may use here; any other is an error of this test's model. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return REPO;
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    assert.ok(m && m[1] in action.inputs, `unknown expression ${expr}`);
    return inputs[m[1]];
  });
}

function runAction(cwd: string, given: Record<string, string>) {
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [name, given[name] ?? spec.default ?? '']),
  );
  const output = join(cwd, '.github-output');
  writeFileSync(output, '');
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: output };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs);
    const dir = step['working-directory'] ? expand(step['working-directory'], inputs) : cwd;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, inputs)], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0)
      return { status: r.status, step: step.id, stderr: r.stderr, output: readFileSync(output, 'utf8') };
  }
  return { status: 0, output: readFileSync(output, 'utf8') };
}

test('the action writes a SARIF log of the checkout and fails only at fail-on', (t) => {
  assert.ok(existsSync(join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build');
  assert.equal(action.runs.using, 'composite');
  assert.match(action.outputs['sarif-file'].value, /steps\.check\.outputs\.sarif-file/);
  const work = mkdtempSync(join(tmpdir(), 'tf-action-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  mkdirSync(join(work, 'src'));
  mkdirSync(join(work, 'docs'));
  const secret = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
  writeFileSync(join(work, 'src', 'settings.py'), `STRIPE_KEY = "${secret}"\n`);
  writeFileSync(join(work, 'docs', 'conf.py'), `API_TOKEN = "${secret}"\n`);

  const ok = runAction(work, { path: 'src' });
  assert.equal(ok.status, 0, `${ok.step}: ${ok.stderr}`);
  assert.match(ok.output, /^sarif-file=twelve-factor\.sarif$/m);
  const log = JSON.parse(readFileSync(join(work, 'twelve-factor.sarif'), 'utf8'));
  assert.equal(log.version, '2.1.0');
  const results = log.runs[0].results as {
    ruleId: string;
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  }[];
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]),
    [['hardcoded-secret', 'src/settings.py']],
  );
  assert.ok(!readFileSync(join(work, 'twelve-factor.sarif'), 'utf8').includes(secret), 'the log holds the secret');

  const failing = runAction(work, { path: 'src docs', 'fail-on': 'error', 'sarif-file': 'out.sarif' });
  assert.equal(failing.status, 1, 'a finding at fail-on fails the step');
  assert.equal(failing.step, 'check');
  assert.match(failing.output, /^sarif-file=out\.sarif$/m);
  assert.equal(JSON.parse(readFileSync(join(work, 'out.sarif'), 'utf8')).runs[0].results.length, 2);
});

test('the example workflow (docs/ci.md) passes only inputs the action declares and uploads its output', () => {
  const workflow = parse(readFileSync(join(REPO, 'examples', 'ci', 'github-workflow.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const ours = steps.find((s) => s.uses?.startsWith('twelve-factor-lint/twelve-factor@'));
  assert.ok(ours?.id, 'no step uses the action with an id');
  for (const name of Object.keys(ours.with ?? {})) assert.ok(name in action.inputs, `unknown input ${name}`);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.equal(upload?.with?.sarif_file, `\${{ steps.${ours.id}.outputs.sarif-file }}`);
  const docs = readFileSync(join(REPO, 'docs', 'ci.md'), 'utf8');
  const example = readFileSync(join(REPO, 'examples', 'ci', 'github-workflow.yml'), 'utf8');
  assert.ok(docs.includes(example.slice(example.indexOf('name: twelve-factor'))), 'docs/ci.md shows another workflow');
});
