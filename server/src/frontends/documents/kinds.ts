/** Which document kind a file is, by its name (the walker, the CLI and the server agree through this). */
import type { DocumentKind } from '../../ir/types';
import { configFileKind } from '../../lib/configFiles';
import { isEnvExampleName, projectFileKind } from '../../lib/projectFiles';

/**
 * `Dockerfile`, `*.dockerfile`, `Dockerfile.*`; `docker-compose*.yml`,
 * `compose*.yaml`; `.env`, `.env.*` but not the example files that document
 * variables (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`);
 * `Procfile` (the name platforms read; `Procfile.dev` is a local runner's);
 * `*.sh`, `*.bash`; application config files (lib/configFiles.ts: `config/*.json`,
 * `settings.yaml`, `alembic.ini`, `uwsgi.ini`, `supervisord.conf`…), and any
 * other YAML as a candidate Kubernetes manifest. Names come from lib/projectFiles.ts, as for the walker and
 * the compliance model; the client's selector is checked against this
 * (test/document-names.test.ts).
 */
export function documentKindOf(path: string): DocumentKind | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  switch (projectFileKind(name)) {
    case 'dockerfile':
      return 'dockerfile';
    case 'compose':
      return 'compose';
    case 'env':
      return isEnvExampleName(name) || name === '.env.vault' ? undefined : 'dotenv';
    case 'procfile':
      return 'procfile';
    case 'yaml':
      return 'yaml-config';
    case undefined:
    case 'installer':
      break;
    default:
      // Manifests and lock files: what they declare is read by the compliance model, not by rules.
      return undefined;
  }
  switch (configFileKind(path)) {
    case 'json':
      return 'json-config';
    case 'yaml':
      return 'yaml-config';
    case 'ini':
      return 'ini-config';
    default:
      return /\.(?:sh|bash)$/.test(name) ? 'shell' : undefined;
  }
}
