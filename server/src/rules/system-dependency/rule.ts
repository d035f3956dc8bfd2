import type { Detection } from '../../analysis/types';
import { defineRule } from '../rule';
import { installerOf } from '../runtime-install/installers';
import { OWN_RUNTIMES, programName } from './commands';
import { spawnedCommands } from './spawned';

/** Package managers of the app's own language: they come with its runtime, like the interpreter. */
const RUNTIME_TOOLS = /^(?:npm|yarn|pnpm|corepack|pip\d?(?:\.\d+)?|pipenv|poetry|uv|uvx)$/;

export const rule = defineRule({
  meta: {
    id: 'system-dependency',
    factor: 'II',
    title: 'Shelling out to a system tool that is not declared as a dependency',
    defaultSeverity: 'info',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all', migration: 'all' },
    keywords: ['subprocess', 'system', 'popen', 'child_process', 'execa', 'zx', 'pexpect', 'spawn', 'exec'],
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
        if (!program || OWN_RUNTIMES.test(program) || (/^\.{0,2}\//.test(argv[0] ?? '') && !argv[0]!.startsWith('/')))
          continue;
        if (!/^[A-Za-z0-9][\w.+-]*$/.test(program)) continue;
        // Console scripts of declared packages and programs the build installs are declared.
        if (RUNTIME_TOOLS.test(program) || project.declaredTools.has(program)) continue;
        tools.add(program);
      }
      // An install command is reported by runtime-install alone.
      if (installs || tools.size === 0) continue;
      const list = [...tools].map((t) => `"${t}"`).join(', ');
      out.push({
        span: call.span,
        message: `Shells out to ${list}, a system tool the app does not declare — II. Dependencies: declare it where the app is built (Dockerfile, Aptfile, buildpack) or use a library.`,
        key: `${spawner}:${[...tools].join(',')}`,
      });
    }
    return out;
  },
});
