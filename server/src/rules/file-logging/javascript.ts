/** JS/TS file logging: winston, pino, log4js, bunyan, morgan streams, appends to `*.log`. */
import { argument, callName, children, property, stringCallee, stringValue } from '../../ir/exprs';
import type { CallExpr, Expr, FileFacts } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { isLiteralPath, isLogPath, isStreamTarget, isTempPath, pathLabel } from './paths';
import { label } from './python';
import { found } from './report';

const WINSTON_FILE = new Set([
  'winston.transports.File',
  'winston.transports.DailyRotateFile',
  'winston-daily-rotate-file',
]);
const FS_MODULES = /^(?:fs|fs\/promises|fs\.promises|fs-extra|graceful-fs)\./;
const WRITE_STREAMS = /\.createWriteStream$/;
const APPENDS = /\.(?:appendFile|appendFileSync)$/;
/** Rotating-file stream packages: always a file. */
const ROTATING_STREAMS = new Set([
  'rotating-file-stream.createStream',
  'rotating-file-stream',
  'file-stream-rotator.getStream',
  'logrotate-stream',
]);
const LOG4JS_FILE_TYPES = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);

export function javascriptFileLogging(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<number>();
  const add = (d: Detection | undefined) => {
    if (d && !seen.has(d.span.start)) {
      seen.add(d.span.start);
      out.push(d);
    }
  };
  for (const { expr: call } of facts.calls) {
    add(jsCall(call));
    for (const stream of morganFileStreams(call, facts)) add(writeStream(stream, true));
    for (const target of pinoFileTargets(call)) add(target);
  }
  const bunyan = facts.imports.some((i) => /^(?:browser-)?bunyan$/.test(i.module));
  for (const s of facts.strings) {
    if (s.compared || s.envFallback) continue;
    if (s.name === 'type' && s.path.includes('appenders') && LOG4JS_FILE_TYPES.has(s.expr.value)) {
      add(found(s.expr.span, 'log4js-appender', `log4js:${s.expr.value}`, { type: s.expr.value }));
    } else if (
      bunyan &&
      s.name === 'path' &&
      (s.path.includes('streams') || stringCallee(s)?.endsWith('.addStream')) &&
      !isStreamTarget(s.expr)
    ) {
      add(found(s.expr.span, 'bunyan-stream', `bunyan:${s.expr.value}`, { value: s.expr.value }));
    }
  }
  return out;
}

function jsCall(call: CallExpr): Detection | undefined {
  const name = callName(call) ?? '';
  if (WINSTON_FILE.has(name) || name === 'winston-daily-rotate-file.default') {
    const options = argument(call, 0);
    const path = property(options, 'filename') ?? property(options, 'dirname');
    if (path && isTempPath(path)) return undefined;
    const daily = !name.endsWith('.File');
    return found(
      call.span,
      'winston-transport',
      `winston:${daily ? 'daily' : 'file'}:${pathLabel(path) ?? ''}`,
      { transport: daily ? 'DailyRotateFile' : 'File', path: label(path) },
      daily ? undefined : 'winston-file',
    );
  }
  if (name === 'pino.destination') {
    const arg = argument(call, 0);
    const path = arg?.kind === 'object' ? property(arg, 'dest') : arg;
    if (!isLiteralPath(path) || (path && isTempPath(path))) return undefined;
    return found(
      call.span,
      'pino-destination',
      `pino:${pathLabel(path) ?? ''}`,
      { path: label(path) },
      'pino-destination',
    );
  }
  if (ROTATING_STREAMS.has(name)) {
    // logrotate-stream takes `{ file, size, keep }`; the others a path first.
    const path = name === 'logrotate-stream' ? property(argument(call, 0), 'file') : argument(call, 0);
    if (path && isTempPath(path)) return undefined;
    return found(call.span, 'rotating-stream', `rotating:${pathLabel(path) ?? ''}`, { path: label(path) });
  }
  if (FS_MODULES.test(name) && WRITE_STREAMS.test(name)) return writeStream(call, false);
  if (FS_MODULES.test(name) && APPENDS.test(name)) {
    const path = argument(call, 0);
    if (!isLogPath(path) || isTempPath(path!)) return undefined;
    return found(call.span, 'append-file', `append:${pathLabel(path) ?? ''}`, { path: label(path) });
  }
  return undefined;
}

/** A write stream to a `*.log` path, or (when `asLog`) to any literal path used as a log stream. */
function writeStream(call: CallExpr, asLog: boolean): Detection | undefined {
  const path = argument(call, 0);
  if (!path || isTempPath(path) || isStreamTarget(path)) return undefined;
  if (!(asLog ? isLiteralPath(path) : isLogPath(path))) return undefined;
  return found(call.span, 'write-stream', `stream:${pathLabel(path) ?? ''}`, { path: label(path) });
}

/** `morgan(fmt, { stream: fs.createWriteStream(...) })`, directly or through a module-level binding. */
function morganFileStreams(call: CallExpr, facts: FileFacts): CallExpr[] {
  if (call.calleeName !== 'morgan') return [];
  let stream = property(argument(call, 1), 'stream');
  if (stream?.kind === 'name') stream = facts.moduleBindings.get(stream.name)?.value;
  if (stream?.kind !== 'call') return [];
  const name = callName(stream) ?? '';
  return FS_MODULES.test(name) && WRITE_STREAMS.test(name) ? [stream] : [];
}

/** `{ target: 'pino/file', options: { destination: './app.log' } }` anywhere in a call's arguments. */
function pinoFileTargets(call: CallExpr): Detection[] {
  const out: Detection[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'call') return; // nested calls are visited as calls of their own
    if (e.kind === 'object') {
      const target = property(e, 'target');
      const value = stringValue(target);
      if (target && value === 'pino/file') {
        const destination = property(property(e, 'options'), 'destination');
        if (isLiteralPath(destination) && !isTempPath(destination!)) {
          out.push(
            found(target.span, 'pino-file-transport', `pino-file:${pathLabel(destination) ?? ''}`, {
              path: label(destination),
            }),
          );
        }
      } else if (target && value === 'pino-roll') {
        out.push(found(target.span, 'pino-roll-transport', 'pino-roll'));
      }
    }
    children(e).forEach(visit);
  };
  for (const arg of call.args) visit(arg.value);
  return out;
}
