/**
 * Config and deployment files the factor checks read (dependency manifests,
 * lock files, .env files, Dockerfiles, Procfiles), recognised by name.
 */

export type ProjectFileKind =
  | 'env'
  | 'dockerfile'
  | 'compose'
  | 'procfile'
  | 'package-json'
  | 'requirements'
  | 'pyproject'
  | 'pipfile'
  | 'setup-py'
  | 'setup-cfg'
  | 'lockfile'
  /** Aptfile, apt.txt, packages.txt: system packages a buildpack or platform installs. */
  | 'apt-list'
  /** install.sh, setup.sh, bootstrap.sh, provision.sh: scripts that prepare the machine. */
  | 'installer'
  /** Any other `*.yaml` / `*.yml`: read for Kubernetes manifests, recognised by content (frontends/documents/kubernetes.ts). */
  | 'yaml';

const EXACT: Record<string, ProjectFileKind> = {
  '.env': 'env',
  Dockerfile: 'dockerfile',
  Containerfile: 'dockerfile',
  Procfile: 'procfile',
  'package.json': 'package-json',
  'pyproject.toml': 'pyproject',
  Pipfile: 'pipfile',
  'setup.py': 'setup-py',
  'setup.cfg': 'setup-cfg',
  'package-lock.json': 'lockfile',
  'npm-shrinkwrap.json': 'lockfile',
  'yarn.lock': 'lockfile',
  'pnpm-lock.yaml': 'lockfile',
  'bun.lock': 'lockfile',
  'bun.lockb': 'lockfile',
  'Pipfile.lock': 'lockfile',
  'poetry.lock': 'lockfile',
  'uv.lock': 'lockfile',
  'pdm.lock': 'lockfile',
  Aptfile: 'apt-list',
  'apt.txt': 'apt-list',
  'packages.txt': 'apt-list',
};

/**
 * Example env files under the names projects really give them: `.env.example`,
 * `.env.sample`, `.env.dist`, `.env_example`, `env.example`, `sample.env`…
 */
const ENV_EXAMPLE =
  /^(?:\.?env[._-](?:example|sample|template|dist|defaults)|(?:example|sample|template)\.env|\.env\.local\.example)$/;

/** True for the base name of an example env file (documents variables, holds no values). */
export function isEnvExampleName(name: string): boolean {
  return ENV_EXAMPLE.test(name);
}

/** The kind of a project file by its base name, or undefined. */
export function projectFileKind(name: string): ProjectFileKind | undefined {
  const exact = EXACT[name];
  if (exact) return exact;
  if (name.startsWith('.env.') || isEnvExampleName(name)) return 'env';
  // `docker/dockerfile`, `debian-base.dockerfile`: Docker reads any name given with `-f`, in any case.
  if (
    /^(?:dockerfile|containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i.test(name) &&
    !/\.(?:py|[cm]?[jt]sx?)$/.test(name)
  ) {
    return 'dockerfile';
  }
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name)) return 'compose';
  if (/^requirements[\w.-]*\.txt$/.test(name)) return 'requirements';
  if (/^(?:install|setup|bootstrap|provision)[\w.-]*\.sh$/.test(name)) return 'installer';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return undefined;
}
