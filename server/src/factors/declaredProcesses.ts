/**
 * The processes a project declares, from every deploy file that can say:
 * Procfile lines, compose services' `command:`, the Dockerfile's container
 * command (or a base image known to run a server), and the containers of
 * Kubernetes workloads (a Job or CronJob is a one-off process). One list for
 * the VII, VIII, IX and XII checks.
 */
import { type CheckContext, filesOfKind } from './context';
import { parseKubernetesManifest, readDockerfileStages } from '../frontends/documents';
import { parseComposeServices, parseProcfile } from './procfile';

export interface DeclaredProcess {
  /** Process type (`web`, `worker`), compose service, Kubernetes container, or `container` for a Dockerfile. */
  name: string;
  command: string;
  file: string;
  source: 'procfile' | 'compose' | 'dockerfile' | 'kubernetes';
  /** Runs once and exits (a Kubernetes Job or CronJob): an admin process, never the server. */
  oneOff?: boolean;
}

/** Base images whose own start script runs a server that binds $PORT and drains on SIGTERM. */
const SERVER_IMAGES =
  /^(?:docker\.io\/)?tiangolo\/(uvicorn-gunicorn(?:-fastapi|-starlette)?|meinheld-gunicorn(?:-flask)?)(?::|$)/;

export function declaredProcesses(ctx: CheckContext): DeclaredProcess[] {
  const out: DeclaredProcess[] = [];
  for (const f of filesOfKind(ctx, 'procfile')) {
    for (const p of parseProcfile(f.text ?? '')) out.push({ ...p, file: f.path, source: 'procfile' });
  }
  for (const f of filesOfKind(ctx, 'compose')) {
    for (const s of parseComposeServices(f.text ?? '')) {
      if (s.command) out.push({ name: s.name, command: s.command, file: f.path, source: 'compose' });
    }
  }
  for (const f of filesOfKind(ctx, 'dockerfile')) {
    const info = readDockerfileStages(f.text ?? '');
    const command = info.command ?? imageCommand(info.image);
    if (command) out.push({ name: 'container', command, file: f.path, source: 'dockerfile' });
  }
  for (const f of filesOfKind(ctx, 'kubernetes')) {
    for (const p of parseKubernetesManifest(f.text ?? '')) {
      const process: DeclaredProcess = { name: p.name, command: p.command, file: f.path, source: 'kubernetes' };
      if (p.oneOff) process.oneOff = true;
      out.push(process);
    }
  }
  return out;
}

/** The command a known server image runs when the Dockerfile sets none. */
function imageCommand(image: string | undefined): string | undefined {
  const m = image ? SERVER_IMAGES.exec(image) : null;
  // Their start scripts run gunicorn with uvicorn workers, bound to ${PORT:-80}.
  return m ? 'gunicorn --bind 0.0.0.0:$PORT' : undefined;
}

/** Commands that run migrations or other release tasks. */
const MIGRATION =
  /\b(?:manage\.py\s+migrate|alembic\s+upgrade|flask\s+db\s+upgrade|(?:knex|sequelize(?:-cli)?)\s+(?:migrate(?::latest)?|db:migrate)|prisma\s+migrate\s+deploy|typeorm\s+migration:run|(?:npm|yarn|pnpm)\s+(?:run\s+)?(?:migrate|db:migrate)\b|aerich\s+upgrade)/;
/** Commands that start a server. */
const SERVER =
  /\b(?:gunicorn|uvicorn|hypercorn|daphne|waitress-serve|uwsgi|manage\.py\s+runserver|flask\s+run|node\s+\S+|(?:npm|yarn|pnpm)\s+(?:run\s+)?start\b|next\s+start|pm2-runtime)/;

/** Processes whose command runs migrations before (or beside) the server it starts. */
export function migrationsInServer(processes: readonly DeclaredProcess[]): DeclaredProcess[] {
  return processes.filter(
    (p) => p.name !== 'release' && !p.oneOff && MIGRATION.test(p.command) && SERVER.test(p.command),
  );
}
