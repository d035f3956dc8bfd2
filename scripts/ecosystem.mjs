#!/usr/bin/env node
// The ecosystem check: real public applications, pinned, checked with default
// settings, every finding judged by hand. See scripts/ecosystem/README.md.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DIR,
  DEFAULT_MIRRORS,
  REPOS_FILE,
  VERDICTS_FILE,
  fail,
  readRepos,
  readResults,
  readVerdicts,
} from './ecosystem/common.mjs';
import { printDiff } from './ecosystem/diff.mjs';
import { judge, show } from './ecosystem/judge.mjs';
import { run } from './ecosystem/run.mjs';
import { printKept, printScore } from './ecosystem/score.mjs';

const USAGE = `Usage: node scripts/ecosystem.mjs <command> [options]

  run --cli <dist/cli.js> --out <results.json> [--only owner/name ...]
  diff <before.json> <after.json>
  score <results.json> [--require-judged] [--before <before.json>]
  show <results.json> [--unjudged] [--repo owner/name] [--rule id] [--context N]
  judge <results.json> <owner/name> <file:line|file:*> <rule> <right|wrong> <why>

Options:
  --dir DIR        extracted trees (default: ${DEFAULT_DIR})
  --mirrors DIR    mirrors brought by fetch (default: ${DEFAULT_MIRRORS})
  --repos FILE     the set (default: ${REPOS_FILE})
  --verdicts FILE  the verdicts (default: ${VERDICTS_FILE})`;

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cli: { type: 'string' },
    out: { type: 'string' },
    before: { type: 'string' },
    only: { type: 'string', multiple: true, default: [] },
    dir: { type: 'string', default: DEFAULT_DIR },
    mirrors: { type: 'string', default: DEFAULT_MIRRORS },
    repos: { type: 'string', default: REPOS_FILE },
    verdicts: { type: 'string', default: VERDICTS_FILE },
    'require-judged': { type: 'boolean', default: false },
    unjudged: { type: 'boolean', default: false },
    repo: { type: 'string' },
    rule: { type: 'string' },
    context: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const [command, ...args] = positionals;
if (o.help || !command) {
  console.log(USAGE);
  process.exit(o.help ? 0 : 2);
}

try {
  if (command === 'run') {
    if (!o.cli || !o.out) fail(USAGE);
    const missing = run({
      repos: readRepos(o.repos),
      cli: o.cli,
      out: o.out,
      dir: resolve(o.dir),
      mirrors: o.mirrors,
      only: o.only,
    });
    process.exit(missing ? 1 : 0);
  } else if (command === 'diff') {
    if (args.length !== 2) fail(USAGE);
    printDiff(readResults(args[0]), readResults(args[1]), readVerdicts(o.verdicts));
  } else if (command === 'score') {
    if (args.length !== 1) fail(USAGE);
    const s = printScore(readResults(args[0]), readVerdicts(o.verdicts));
    if (o.before) printKept(readResults(o.before), readResults(args[0]), readVerdicts(o.verdicts));
    if (o['require-judged'] && s.unjudged.length) process.exit(1);
  } else if (command === 'show') {
    if (args.length !== 1) fail(USAGE);
    show(readResults(args[0]), readVerdicts(o.verdicts), {
      dir: resolve(o.dir),
      context: Number(o.context),
      unjudgedOnly: o.unjudged,
      repo: o.repo,
      rule: o.rule,
    });
  } else if (command === 'judge') {
    if (args.length !== 6) fail(USAGE);
    const [results, repo, where, rule, verdict, why] = args;
    const n = judge(readResults(results), { file: o.verdicts, repo, where, rule, verdict, why });
    console.error(`${n} verdict${n === 1 ? '' : 's'} written to ${o.verdicts}`);
  } else {
    fail(USAGE);
  }
} catch (e) {
  fail(String(e.message ?? e));
}
