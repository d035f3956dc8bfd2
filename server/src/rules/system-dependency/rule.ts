import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';
import { installerOf } from '../runtime-install/installers';
import { OWN_RUNTIMES, programName } from './commands';
import { spawnedCommands } from './spawned';

/** Package managers of the app's own language: they come with its runtime, like the interpreter. */
const RUNTIME_TOOLS = /^(?:npm|yarn|yarnpkg|pnpm|corepack|pip\d?(?:\.\d+)?|pipenv|poetry|uv|uvx)$/;

/**
 * POSIX base utilities (coreutils, busybox): on every image the app can run
 * on, slim and alpine included, so nothing to declare. `ps`, `tar`, `curl`
 * are not among them: slim images lack them.
 */
const BASE_UTILITIES = new Set([
  'rm',
  'mv',
  'cp',
  'mkdir',
  'rmdir',
  'ls',
  'cat',
  'ln',
  'touch',
  'chmod',
  'chown',
  'kill',
  'sh',
  'pwd',
  'date',
  'uname',
  'id',
  'whoami',
  'basename',
  'dirname',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'tee',
  'grep',
  'sed',
  'awk',
  'find',
  'xargs',
  'df',
  'du',
  'stat',
  'sync',
  'nproc',
]);

const MESSAGES = {
  'undeclared-tool':
    'Shells out to {{tools}}, a system tool the app does not declare — II. Dependencies: declare it where the app is built (Dockerfile, Aptfile, buildpack) or use a library.',
} as const;

export const rule = defineRule({
  meta: {
    id: 'system-dependency',
    factor: 'II',
    title: 'Shelling out to a system tool that is not declared as a dependency',
    defaultSeverity: 'info',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all', migration: 'all' },
    keywords: ['subprocess', 'system', 'popen', 'child_process', 'execa', 'zx', 'pexpect', 'spawn', 'exec'],
    messages: MESSAGES,
  },
  detect(facts, project) {
    const out: Detection[] = [];
    for (const { call, spawner, command } of spawnedCommands(facts)) {
      if (command.ownRuntime) continue;
      const tools = new Set<string>();
      let installs = false;
      for (const argv of command.commands) {
        if (installerOf(argv, false)) {
          installs = true;
          continue;
        }
        const program = programName(argv[0]);
        // A computed program, our own interpreter or a script of the repo's own is not a system tool.
        // A relative path (`./run.sh`, `node_modules/.bin/markdown-toc`) is a file of the repository or its install.
        if (!program || OWN_RUNTIMES.test(program) || (argv[0]!.includes('/') && !argv[0]!.startsWith('/'))) continue;
        if (!/^[A-Za-z0-9][\w.+-]*$/.test(program)) continue;
        // Console scripts of declared packages and programs the build installs are declared.
        if (RUNTIME_TOOLS.test(program) || BASE_UTILITIES.has(program) || project.declaredTools.has(program)) continue;
        tools.add(program);
      }
      // An install command is reported by runtime-install alone.
      if (installs || tools.size === 0) continue;
      const list = [...tools].map((t) => `"${t}"`).join(', ');
      out.push({
        span: call.span,
        messageId: 'undeclared-tool' satisfies keyof typeof MESSAGES,
        params: { tools: list },
        key: `${spawner}:${[...tools].join(',')}`,
      });
    }
    return out;
  },
});
