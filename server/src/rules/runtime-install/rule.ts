import { argument, callName } from '../../ir/exprs';
import type { CallExpr } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';
import { detectStartInstalls, START_INSTALL_MESSAGE } from './commands';
import { spawnedCommands } from '../system-dependency/spawned';
import { installerOf } from './installers';

/** `pip.main(["install", ...])`: pip's API called from code. */
const PIP_API = new Set(['pip.main', 'pip._internal.main', 'pip._internal.cli.main.main']);

const MESSAGES = {
  'runtime-install':
    'Packages installed at run time ("{{installer}}") — V. Build, release, run: install dependencies in the build step (requirements, package.json, Dockerfile), never from running code.',
  'start-install': START_INSTALL_MESSAGE,
} as const;

export const rule = defineRule({
  meta: {
    id: 'runtime-install',
    factor: 'V',
    title: 'Packages installed while the app runs (pip install, npm install from code)',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['dockerfile', 'procfile', 'shell'],
    roles: { app: 'all', migration: 'all' },
    keywords: ['install', 'add'],
    messages: MESSAGES,
  },
  detect(facts) {
    const out: Detection[] = [];
    const report = (call: CallExpr, name: string, installer: string) => {
      out.push({
        span: call.span,
        messageId: 'runtime-install' satisfies keyof typeof MESSAGES,
        params: { installer },
        key: `${name}:${installer}`,
      });
    };
    for (const { expr: call } of facts.calls) {
      const name = callName(call);
      if (!name || !PIP_API.has(name)) continue;
      const first = argument(call, 0);
      const sub = first?.kind === 'array' && first.elements[0]?.kind === 'string' ? first.elements[0].value : undefined;
      if (sub === 'install') report(call, name, 'pip install');
    }
    for (const { call, spawner, command } of spawnedCommands(facts)) {
      let installer: string | undefined;
      for (const argv of command.commands) installer ??= installerOf(argv, command.ownRuntime);
      if (installer) report(call, spawner, installer);
    }
    return out;
  },
  detectDocument: (facts) => detectStartInstalls(facts),
});
