/**
 * runtime-install in the commands a process starts with: a Dockerfile `CMD`
 * or `ENTRYPOINT`, a Procfile process, an entrypoint or boot script
 * (`docker-entrypoint.sh`, `boot.sh`, `start.sh`) that installs packages
 * before it starts the app (`pip install -r requirements.txt && gunicorn …`).
 * A Dockerfile `RUN`, a `release:` process and installer scripts
 * (`install.sh`, `setup.sh`) are the build or release step: not reported.
 */
import { posix } from 'node:path';
import { runsAtStart, type CommandFact, type DocumentFacts } from '../../ir/documentFacts';
import type { Detection } from '../../ir/types';
import { installerOf } from './installers';

/** Scripts that start a process, by name; any other script may well be the build step. */
const START_SCRIPT =
  /^(?:docker-)?entrypoint[\w.-]*\.sh$|^(?:boot|start|run|serve|server|web|worker|launch)(?:[._-][\w.-]*)?\.sh$/;

/** Words that run the rest of the line as the command (`exec pip install …`). */
const PREFIXES = new Set(['exec', 'sudo', 'command', 'nohup', 'time']);

/** The message of an install in a start command (`meta.messages['start-install']`). */
export const START_INSTALL_MESSAGE =
  'Packages installed when the process starts ("{{installer}}") — V. Build, release, run: install dependencies in the build step (a Dockerfile RUN, the buildpack), so every start runs the same release.';

export function detectStartInstalls(facts: DocumentFacts): Detection[] {
  if (facts.document === 'shell' && !START_SCRIPT.test(posix.basename(facts.path))) return [];
  const out: Detection[] = [];
  for (const command of facts.commands) {
    if (!startsProcess(command)) continue;
    const words = command.words;
    let i = 0;
    // `exec`, `sudo`, `env A=b`, `A=b`: what follows is the command.
    while (
      i < words.length &&
      (PREFIXES.has(words[i].value) || words[i].value === 'env' || /^\w+=/.test(words[i].value))
    )
      i++;
    const installer = installerOf(
      words.slice(i).map((w) => w.value),
      false,
    );
    if (!installer || i >= words.length) continue;
    out.push({
      span: { start: words[i].span.start, end: words[words.length - 1].span.end },
      messageId: 'start-install',
      params: { installer },
      key: `${command.source}:${command.owner ?? ''}:${installer}`,
    });
  }
  return out;
}

/** A start command other than a Procfile's `release:` process (the release step runs it, once). */
function startsProcess(command: CommandFact): boolean {
  return runsAtStart(command) && !(command.source === 'process' && command.owner === 'release');
}
