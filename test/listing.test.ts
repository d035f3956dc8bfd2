import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempTree } from './support/tempTree';
import { gatherProject } from '../server/src/factors/gather';
import { ProjectListing } from '../server/src/workspace/listing';
import { scanWorkspace } from '../server/src/workspace/scan';
import { listProjectFiles } from '../server/src/workspace/walker';
import { DEFAULT_CONFIG, type ProjectConfig } from '../server/src/workspace/config';

function tree(files: Record<string, string>): string {
  return tempTree('listing', files);
}

const project = {
  '.gitignore': '.env\ngenerated/\n',
  '.env': 'SECRET_KEY=abc\n',
  '.env.example': 'SECRET_KEY=\n',
  Procfile: 'web: gunicorn app:app\n',
  'requirements.txt': 'flask\n',
  'app.py': 'import os\nPORT = os.environ["PORT"]\n',
  'deploy/k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
  'generated/requirements.txt': 'ignored\n',
  'vendor/package.json': '{}\n',
  'web/package.json': '{"name":"web"}\n',
  'web/index.js': 'console.log(1)\n',
};
const config: ProjectConfig = { ...DEFAULT_CONFIG, exclude: ['vendor/**'] };

test('a scan of the whole root lists the same project files as a walk of their own', async () => {
  const root = tree(project);
  const listing = new ProjectListing(root, config.exclude);
  await scanWorkspace({ paths: ['.'], cwd: root, root, config, listing });
  const shared = await listing.files;
  assert.ok(shared, 'the scan covered the root, so it lists the project files');
  const own = await listProjectFiles(root, { cwd: root, base: root, exclude: config.exclude });
  assert.deepEqual(shared, own);
  assert.ok(shared.some((f) => f.relPath === '.env' && f.gitignored));
  assert.ok(!shared.some((f) => f.relPath.startsWith('vendor/')));
});

test('the factor checks read the same project whether the listing is shared or not', async () => {
  const root = tree(project);
  const listing = new ProjectListing(root, config.exclude);
  const [, withListing] = await Promise.all([
    scanWorkspace({ paths: ['.'], cwd: root, root, config, listing }),
    gatherProject(root, { exclude: config.exclude, listing }),
  ]);
  assert.deepEqual(withListing, await gatherProject(root, { exclude: config.exclude }));
});

test('a scan of part of the root lists nothing: the gathering walks for itself', async () => {
  const root = tree(project);
  const listing = new ProjectListing(root, config.exclude);
  const [, gathered] = await Promise.all([
    scanWorkspace({ paths: ['web'], cwd: root, root, config, listing }),
    gatherProject(root, { exclude: config.exclude, listing }),
  ]);
  assert.equal(await listing.files, undefined);
  assert.ok(gathered.projectFiles.some((f) => f.path === 'requirements.txt'));
});

test('a listing made for other exclusions is not used', async () => {
  const root = tree(project);
  const listing = new ProjectListing(root, []);
  await scanWorkspace({ paths: ['.'], cwd: root, root, config, listing });
  assert.equal(await listing.files, undefined);
});

test('a dangling link named like a project file is not a skip note of the scan', async () => {
  const root = tree({ 'app.py': 'x = 1\n' });
  symlinkSync(join(root, 'missing.json'), join(root, 'package.json'));
  symlinkSync(join(root, 'missing.py'), join(root, 'gone.py'));
  const result = await scanWorkspace({ paths: ['.'], cwd: root, root, config: DEFAULT_CONFIG });
  assert.deepEqual(
    result.skippedFiles.map((s) => s.file),
    ['gone.py'],
  );
});

test('.env ignored by a line of another case counts only where the repository sets core.ignorecase', async () => {
  const { execFileSync } = await import('node:child_process');
  const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  for (const [ignoreCase, expected] of [
    ['false', false],
    ['true', true],
  ] as const) {
    const root = tree({ '.gitignore': '.ENV\n', '.env': 'SECRET_KEY=abc\n', 'app.py': 'print(1)\n' });
    git(root, 'init', '-q');
    git(root, 'config', 'core.ignorecase', ignoreCase);
    assert.equal((await gatherProject(root)).envIgnored, expected, `core.ignorecase=${ignoreCase}`);
  }
  // A line in the same case needs no question to git.
  const root = tree({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc\n' });
  git(root, 'init', '-q');
  assert.equal((await gatherProject(root)).envIgnored, true);
});

test("the walk's git listing answers which .env files git tracks, as git itself does", async () => {
  const { execFileSync } = await import('node:child_process');
  const { gitTrackedEnvFiles } = await import('../server/src/workspace/git');
  const root = tree({
    ...project,
    '.env.production': 'SECRET_KEY=prod\n',
    'web/.env.local': 'API_KEY=abc\n',
    'vendor/.env': 'VENDORED=1\n',
    'web/env.txt': 'not an env file\n',
    'web/.envrc': 'export A=1\n',
    '.env.example.d/.keep': '',
  });
  execFileSync('git', ['init', '-q'], { cwd: root });
  // Tracked whatever .gitignore says (.env), in an excluded folder (vendor/) too.
  execFileSync('git', ['add', '-f', '.'], { cwd: root });
  execFileSync('git', ['rm', '-q', '--cached', '.env.production'], { cwd: root });
  const listing = new ProjectListing(root, config.exclude);
  const [, shared] = await Promise.all([
    scanWorkspace({ paths: ['.'], cwd: root, root, config, listing }),
    gatherProject(root, { exclude: config.exclude, listing }),
  ]);
  const fromGit = await gitTrackedEnvFiles(root);
  assert.deepEqual(fromGit, ['.env', '.env.example', 'vendor/.env', 'web/.env.local']);
  assert.deepEqual(shared.trackedEnvFiles, fromGit);
  assert.deepEqual(await listing.trackedEnvFiles(), fromGit);
  assert.deepEqual(shared, await gatherProject(root, { exclude: config.exclude }));
});
