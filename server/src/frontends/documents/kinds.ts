/** Which document kind a file is, by its name (the walker, the CLI and the server agree through this). */
import type { DocumentKind } from '../../ir/types';
import { isEnvExampleName, projectFileKind } from '../../lib/projectFiles';

/**
 * `Dockerfile`, `*.dockerfile`, `Dockerfile.*`; `docker-compose*.yml`,
 * `compose*.yaml`; `.env`, `.env.*` but not the example files that document
 * variables (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`);
 * `Procfile`, `Procfile.*`; `*.sh`, `*.bash`.
 */
export function documentKindOf(path: string): DocumentKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (/^Procfile(?:\.[\w-]+)?$/.test(name)) return 'procfile';
  if (/\.(?:sh|bash)$/.test(name)) return 'shell';
  switch (projectFileKind(name)) {
    case 'dockerfile':
      return 'dockerfile';
    case 'compose':
      return 'compose';
    case 'env':
      return isEnvExampleName(name) || name === '.env.vault' ? undefined : 'dotenv';
    default:
      return undefined;
  }
}
