// The AST peers of the bench, run on the same corpora in the same run as the
// CLI: bandit (Debian's python3-bandit), Ruff's wasm build with the `S`
// (flake8-bandit) rules, and ESLint with eslint-plugin-security and
// eslint-plugin-no-secrets. The npm ones are installed at pinned versions into
// bench/.tools/peers, never into the project. Each runs as a process of its
// own, timed like the CLI (wall, CPU, peak RSS from GNU time).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HERE = new URL('.', import.meta.url).pathname;

export const PEER_VERSIONS = {
  '@astral-sh/ruff-wasm-nodejs': '0.17.3',
  eslint: '9.39.5',
  'eslint-plugin-security': '4.1.0',
  'eslint-plugin-no-secrets': '2.3.3',
  // ESLint's own parser reads no TypeScript (rxjs is TypeScript); the project's TypeScript version.
  '@typescript-eslint/parser': '8.73.0',
  typescript: '5.9.3',
};

/** Installs the npm peers into `<tools>/peers` (once per set of versions); the directory. */
export function ensurePeers(tools, log) {
  const dir = join(tools, 'peers');
  const stamp = join(dir, '.versions');
  const want = JSON.stringify(PEER_VERSIONS);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  log(`installing the bench's peers into ${dir}…`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const specs = Object.entries(PEER_VERSIONS).map(([name, version]) => `${name}@${version}`);
  execFileSync('npm', ['i', '--no-audit', '--no-fund', '--save-exact', ...specs], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, want);
  return dir;
}

/** bandit's version, or undefined when it is not installed (apt: python3-bandit). */
export function banditVersion() {
  try {
    return /bandit (\S+)/.exec(execFileSync('bandit', ['--version'], { encoding: 'utf8' }))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The peers that read `language`'s corpus: for each, a label and the command
 * (argv for `timed`, run in the corpus directory) whose stdout `parse` reads
 * as { files, findings, failed }.
 */
export function peersFor(language, peersDir) {
  const node = process.execPath;
  if (language === 'python') {
    return [
      {
        key: 'bandit',
        label: `bandit ${banditVersion() ?? '?'} \`-r\``,
        available: banditVersion() !== undefined,
        cmd: 'bandit',
        argv: ['-r', '.', '-f', 'json', '-q'],
        parse: (out) => {
          const j = JSON.parse(out);
          return {
            files: Object.keys(j.metrics ?? {}).filter((k) => k !== '_totals').length,
            findings: j.results.length,
            failed: j.errors.length,
          };
        },
      },
      {
        key: 'ruff',
        label: `Ruff ${PEER_VERSIONS['@astral-sh/ruff-wasm-nodejs']} wasm, \`S\` rules`,
        available: true,
        cmd: node,
        argv: [join(HERE, 'peer-ruff.mjs'), peersDir, '.'],
        parse: (out) => JSON.parse(out),
      },
    ];
  }
  return [
    {
      key: 'eslint',
      label: `ESLint ${PEER_VERSIONS.eslint} + security ${PEER_VERSIONS['eslint-plugin-security']} + no-secrets ${PEER_VERSIONS['eslint-plugin-no-secrets']}`,
      available: true,
      cmd: node,
      argv: [join(HERE, 'peer-eslint.mjs'), peersDir, '.'],
      parse: (out) => JSON.parse(out),
    },
  ];
}
