/**
 * "Log to stdout instead of a file" for the shapes `file-logging` marks with
 * a `form`: Python file handlers and `basicConfig(filename=…)`, dictConfig
 * handler classes, `StreamHandler(open(…))`, gunicorn log settings, winston
 * File transports and pino file destinations.
 */
import { children, property } from '../ir/exprs';
import type { CallExpr, Expr, FileFacts, ObjectExpr } from '../ir/facts';
import type { Finding } from '../ir/types';
import { argSpan, entrySpan, removeItems } from './listItems';
import type { FixResult, TextChange } from './patch';
import { ensurePythonImports } from './pyImports';

export const LOG_TITLE = 'Log to stdout instead of a file';

/** Arguments that only mean something for a file. */
const BASIC_CONFIG_FILE_ARGS = new Set(['filename', 'filemode', 'encoding', 'errors']);
const DICT_FILE_KEYS = new Set([
  'filename',
  'mode',
  'maxBytes',
  'backupCount',
  'encoding',
  'delay',
  'errors',
  'when',
  'interval',
  'utc',
  'atTime',
]);
const WINSTON_FILE_KEYS = new Set([
  'filename',
  'dirname',
  'maxsize',
  'maxFiles',
  'tailable',
  'zippedArchive',
  'options',
  'stream',
  'lazy',
  'maxRetries',
]);

/** Forms whose rewrite adds a stream handler or a console transport beside the ones the file has. */
const ADDS_A_STREAM = new Set(['handler-class', 'stream-open', 'basicConfig', 'winston-file']);

/** Handlers and transports that already write to the standard streams. */
const STREAM_CALLEE = /(?:^|\.)(?:StreamHandler|transports\.Console)$/;

export function logToStdout(path: string, text: string, facts: FileFacts, finding: Finding): FixResult {
  const duplicate = ADDS_A_STREAM.has(String(finding.data?.form)) ? streamAlready(facts, finding) : undefined;
  if (duplicate) {
    return {
      title: LOG_TITLE,
      refused: `${duplicate} already logs to a standard stream in this file: a second one would print every line twice. Remove the file handler instead`,
    };
  }
  const changes = rewrite(text, facts, finding);
  if (typeof changes === 'string') return { title: LOG_TITLE, refused: changes };
  return { title: LOG_TITLE, patches: [{ path, create: false, text, changes }] };
}

function rewrite(text: string, facts: FileFacts, finding: Finding): TextChange[] | string {
  const form = finding.data?.form;
  const call = facts.calls.find(
    (c) => c.expr.span.start === finding.span.start && c.expr.span.end === finding.span.end,
  )?.expr;
  const stale = 'the code changed since it was analysed';
  switch (form) {
    case 'handler-class': {
      if (!call) return stale;
      const imports = ensurePythonImports(text, facts, ['logging', 'sys']);
      const replacement = `${imports.names.logging}.StreamHandler(${imports.names.sys}.stdout)`;
      return [...(imports.change ? [imports.change] : []), replace(call.span, replacement)];
    }
    case 'basicConfig': {
      if (!call) return stale;
      const imports = ensurePythonImports(text, facts, ['sys']);
      const spans = call.args.map((a) => argSpan(text, a));
      const filename = call.args.findIndex((a) => a.name === 'filename');
      if (filename < 0) return stale;
      const remove = new Set(
        call.args.flatMap((a, i) => (i !== filename && a.name && BASIC_CONFIG_FILE_ARGS.has(a.name) ? [i] : [])),
      );
      return [
        ...(imports.change ? [imports.change] : []),
        replace(spans[filename], `stream=${imports.names.sys}.stdout`),
        ...removeItems(spans, remove),
      ];
    }
    case 'stream-open': {
      const stream = call?.args.find((a) => a.name === 'stream' || !a.name)?.value;
      if (!stream) return stale;
      const imports = ensurePythonImports(text, facts, ['sys']);
      return [...(imports.change ? [imports.change] : []), replace(stream.span, `${imports.names.sys}.stdout`)];
    }
    case 'dictconfig-class':
      return dictConfigHandler(text, facts, finding);
    case 'gunicorn-setting':
      // gunicorn writes to its standard streams when a log setting is "-".
      return [replace(finding.span, `${quoteOf(text, finding.span.start)}-${quoteOf(text, finding.span.start)}`)];
    case 'winston-file':
      return call ? winstonConsole(text, call) : stale;
    case 'pino-destination': {
      const arg = call?.args[0]?.value;
      if (!arg) return stale;
      // File descriptor 1 is stdout.
      const target = arg.kind === 'object' ? property(arg, 'dest') : arg;
      return target ? [replace(target.span, '1')] : stale;
    }
    default:
      return 'this logging setup has no automatic rewrite';
  }
}

/**
 * The stream handler or console transport the file already creates (other
 * than the finding's own call: `StreamHandler(open(…))` is the finding), by
 * its callee's name, or undefined.
 */
function streamAlready(facts: FileFacts, finding: Finding): string | undefined {
  for (const { expr } of facts.calls) {
    if (expr.span.start === finding.span.start && expr.span.end === finding.span.end) continue;
    const name = expr.calleeName ?? '';
    if (!STREAM_CALLEE.test(name)) continue;
    // `StreamHandler(open(…))` writes to a file, not a standard stream.
    if (expr.args.some((a) => a.value.kind === 'call' && /(?:^|\.)open$/.test(a.value.calleeName ?? ''))) continue;
    return name.split('.').slice(-2).join('.');
  }
  return undefined;
}

function dictConfigHandler(text: string, facts: FileFacts, finding: Finding): TextChange[] | string {
  const handler = findObject(facts, finding.span.start);
  if (!handler) return 'the handler definition could not be found';
  const q = quoteOf(text, finding.span.start);
  const changes: TextChange[] = [replace(finding.span, `${q}logging.StreamHandler${q}`)];
  const spans = handler.entries.map(entrySpan);
  const filename = handler.entries.findIndex((e) => e.key === 'filename');
  if (filename >= 0) changes.push(replace(spans[filename], `${q}stream${q}: ${q}ext://sys.stdout${q}`));
  const remove = new Set(
    handler.entries.flatMap((e, i) => (i !== filename && e.key && DICT_FILE_KEYS.has(e.key) ? [i] : [])),
  );
  return [...changes, ...removeItems(spans, remove)];
}

function winstonConsole(text: string, call: CallExpr): TextChange[] | string {
  const callee = text.slice(call.callee.span.start, call.callee.span.end);
  if (!callee.endsWith('File')) return 'the transport is not written as transports.File';
  const changes = [replace({ start: call.callee.span.end - 4, end: call.callee.span.end }, 'Console')];
  const options = call.args[0]?.value;
  if (options?.kind === 'object') {
    const remove = new Set(options.entries.flatMap((e, i) => (e.key && WINSTON_FILE_KEYS.has(e.key) ? [i] : [])));
    changes.push(...removeItems(options.entries.map(entrySpan), remove));
  }
  return changes;
}

/** The object literal that has an entry whose value starts at `start`. */
function findObject(facts: FileFacts, start: number): ObjectExpr | undefined {
  const roots: Expr[] = [...facts.assignments.map((a) => a.value), ...facts.calls.map((c) => c.expr)];
  const stack = [...roots];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.span.start > start || e.span.end <= start) continue;
    if (e.kind === 'object' && e.entries.some((en) => en.value.span.start === start)) return e;
    stack.push(...children(e));
  }
  return undefined;
}

function quoteOf(text: string, offset: number): string {
  const c = text[offset];
  return c === "'" ? "'" : '"';
}

function replace(span: { start: number; end: number }, newText: string): TextChange {
  return { start: span.start, end: span.end, newText };
}
