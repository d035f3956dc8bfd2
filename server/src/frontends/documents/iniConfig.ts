/**
 * An INI config file as document facts, read by iniLines.ts in the dialect
 * its name says (lib/configFiles.ts): every entry is a setting under
 * `[section] key` (alembic's `sqlalchemy.url`, uWSGI's `logto`, supervisord's
 * `stdout_logfile`); uWSGI `env = KEY=value` and supervisord
 * `environment=KEY="value",…` are env values; a supervisord
 * `[program:x] command=` is a process and the command it runs.
 * Interpolation (`%(here)s`, supervisord's `%(ENV_X)s`, uWSGI's `$(VAR)`,
 * `${VAR}`) is a reference.
 */
import {
  emptyDocumentFacts,
  hasConfigReference,
  wordsSpan,
  type DocumentFacts,
  type ValueFact,
} from '../../ir/documentFacts';
import { iniDialect } from '../../lib/configFiles';
import type { Span } from '../../ir/types';
import { readIni, type IniEntry } from './iniLines';
import { shellCommands } from './shellWords';

export function readIniConfig(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('ini-config', path, text);
  const dialect = iniDialect(path) ?? 'ini';
  facts.dialect = dialect;
  const file = readIni(text, {
    colon: dialect !== 'uwsgi',
    continuation: dialect !== 'uwsgi',
    inlineComments: dialect === 'supervisord',
  });
  facts.comments = file.comments;
  facts.syntaxErrors = file.malformed;
  for (const entry of file.entries) {
    const path = [entry.section, entry.key];
    if (dialect === 'uwsgi' && entry.key === 'env') uwsgiEnv(entry, facts);
    else if (dialect === 'supervisord' && entry.key === 'environment') supervisorEnv(entry, text, facts);
    else if (entry.value !== '') facts.values.push(value(path, entry.key, entry.value, entry.span, 'setting'));
    if (dialect === 'supervisord' && entry.key === 'command' && /^program:/.test(entry.section)) {
      for (const words of shellCommands(text, entry.span.start, entry.span.end)) {
        facts.commands.push({ source: 'process', owner: entry.section.slice(8), words, span: wordsSpan(words) });
      }
    }
  }
  return facts;
}

function value(path: string[], name: string, text: string, span: Span, role: ValueFact['role']): ValueFact {
  return { path, name, value: text, span, role, reference: hasConfigReference(text) };
}

/** `env = DJANGO_SECRET_KEY=…`: the variable uWSGI sets, its value after the `=`. */
function uwsgiEnv(entry: IniEntry, facts: DocumentFacts): void {
  const eq = entry.value.indexOf('=');
  if (eq <= 0) return;
  const name = entry.value.slice(0, eq).trim();
  const start = entry.span.start + eq + 1;
  if (start >= entry.span.end) return;
  facts.values.push(
    value([entry.section, 'env', name], name, entry.value.slice(eq + 1), { start, end: entry.span.end }, 'env'),
  );
}

/** `environment=A="1",B=two`: comma-separated `KEY=value` pairs, values optionally quoted. */
function supervisorEnv(entry: IniEntry, text: string, facts: DocumentFacts): void {
  let i = entry.span.start;
  const end = entry.span.end;
  while (i < end) {
    while (i < end && /[\s,]/.test(text[i])) i++;
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= end) return;
    const name = text.slice(i, eq).trim();
    let j = eq + 1;
    let unquoted = '';
    const quote = text[j] === '"' || text[j] === "'" ? text[j] : '';
    const start = j;
    if (quote) {
      j++;
      while (j < end && text[j] !== quote) unquoted += text[j++];
      j++;
    } else {
      while (j < end && text[j] !== ',') unquoted += text[j++];
    }
    const stop = Math.min(j, end);
    if (name && /^[A-Za-z_][\w]*$/.test(name) && stop > start) {
      const v = quote ? unquoted : unquoted.trimEnd();
      facts.values.push(
        value(
          [entry.section, 'environment', name],
          name,
          v,
          { start, end: start + (quote ? stop - start : v.length) },
          'env',
        ),
      );
    }
    i = j;
  }
}
