/** Python file logging: handler classes, basicConfig, dictConfig entries, gunicorn settings, loguru, structlog. */
import { argument, callName } from '../../ir/exprs';
import type { CallExpr, Expr, FileFacts } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { isLiteralPath, isStreamTarget, isTempPath, pathLabel } from './paths';
import { found, type Form } from './report';

const HANDLER_TAILS = ['FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler'];
/** File handler classes, as call names and as dictConfig `class` strings. */
export const FILE_HANDLERS = new Set([
  ...HANDLER_TAILS.flatMap((t) => [`logging.${t}`, `logging.handlers.${t}`]),
  'concurrent_log_handler.ConcurrentRotatingFileHandler',
  'concurrent_log_handler.ConcurrentTimedRotatingFileHandler',
  // The older ConcurrentLogHandler package.
  'cloghandler.ConcurrentRotatingFileHandler',
]);
/** Twisted's log files (`DailyLogFile(name, directory)`, `LogFile.fromFullPath(path)`). */
const TWISTED_LOG_FILE = /^twisted\.python\.logfile\.(?:DailyLogFile|LogFile)(?:\.fromFullPath)?$/;
const OPEN_CALLS = new Set(['open', 'io.open', 'codecs.open']);
const STRUCTLOG_FACTORIES =
  /^structlog\.(?:PrintLoggerFactory|WriteLoggerFactory|BytesLoggerFactory|PrintLogger|WriteLogger|BytesLogger)$/;
const GUNICORN_LOG_SETTINGS = new Set(['accesslog', 'errorlog']);

export function pythonFileLogging(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  for (const { expr: call } of facts.calls) {
    const d = pythonCall(call);
    if (d) out.push(d);
  }
  for (const s of facts.strings) {
    if (s.compared || s.envFallback) continue;
    const v = s.expr.value;
    if (s.nameKind === 'key' && s.name === 'class' && FILE_HANDLERS.has(v)) {
      out.push(found(s.expr.span, 'dictconfig-handler', `dictconfig:${v}`, { handler: v }, 'dictconfig-class'));
    } else if (
      s.nameKind === 'assign' &&
      s.scope.kind === 'module' &&
      s.name !== undefined &&
      GUNICORN_LOG_SETTINGS.has(s.name) &&
      s.path.length === 1 &&
      !isStreamTarget(s.expr)
    ) {
      out.push(
        found(
          s.expr.span,
          'gunicorn-setting',
          `gunicorn:${s.name}:${v}`,
          { setting: s.name, value: v },
          'gunicorn-setting',
        ),
      );
    }
  }
  for (const a of facts.assignments) {
    // sys.stdout = open("out.log", "a") sends everything printed to a file.
    if ((a.target === 'sys.stdout' || a.target === 'sys.stderr') && isOpenCall(a.value)) {
      const path = a.value.kind === 'call' ? argument(a.value, 0, 'file') : undefined;
      out.push(
        found(a.span, 'std-redirect', `redirect:${a.target}:${pathLabel(path) ?? ''}`, {
          stream: a.target,
          path: label(path),
        }),
      );
    }
  }
  return out;
}

function pythonCall(call: CallExpr): Detection | undefined {
  const name = callName(call) ?? '';
  if (FILE_HANDLERS.has(name)) {
    const path = argument(call, 0, 'filename');
    if (path && (isTempPath(path) || isStreamTarget(path))) return undefined;
    return found(
      call.span,
      'handler-class',
      `handler:${name}:${pathLabel(path) ?? ''}`,
      { path: label(path), handler: name },
      'handler-class',
    );
  }
  if (TWISTED_LOG_FILE.test(name)) {
    const path = argument(call, 0);
    if (path && isTempPath(path)) return undefined;
    return found(call.span, 'twisted-log-file', `twisted:${pathLabel(path) ?? ''}`, { path: label(path) });
  }
  if (name === 'logging.basicConfig') {
    const path = call.args.find((a) => a.name === 'filename')?.value;
    if (!path || path.kind === 'literal' || isTempPath(path) || isStreamTarget(path)) return undefined;
    return found(
      call.span,
      'basic-config',
      `basicConfig:${pathLabel(path) ?? ''}`,
      { path: label(path) },
      'basicConfig',
    );
  }
  if (name === 'loguru.logger.add') {
    const sink = argument(call, 0, 'sink');
    if (!sink || !isLiteralPath(sink) || isTempPath(sink)) return undefined;
    return found(call.span, 'loguru-sink', `loguru:${pathLabel(sink) ?? ''}`, { path: label(sink) });
  }
  if (
    name === 'logging.StreamHandler' ||
    name === 'twisted.python.log.startLogging' ||
    STRUCTLOG_FACTORIES.test(name)
  ) {
    const stream = argument(call, 0, name === 'logging.StreamHandler' ? 'stream' : 'file');
    if (!stream || !isOpenCall(stream)) return undefined;
    const path = stream.kind === 'call' ? openedPath(stream) : undefined;
    if (path && (isTempPath(path) || isStreamTarget(path))) return undefined;
    return found(
      call.span,
      'opened-file-stream',
      `stream:${name}:${pathLabel(path) ?? ''}`,
      { call: name, path: label(path) },
      name === 'logging.StreamHandler' ? 'stream-open' : undefined,
    );
  }
  return undefined;
}

/** `open("x.log", "a")`, `Path("x.log").open("a")`, not an open of /dev/null. */
function isOpenCall(expr: Expr): boolean {
  if (expr.kind !== 'call') return false;
  const name = callName(expr) ?? '';
  const opens = OPEN_CALLS.has(name) || (expr.callee.kind === 'member' && expr.callee.property === 'open');
  if (!opens) return false;
  const path = openedPath(expr);
  return !(path && isStreamTarget(path));
}

function openedPath(call: CallExpr): Expr | undefined {
  if (call.callee.kind === 'member' && call.callee.property === 'open' && call.callee.object.kind === 'call') {
    return argument(call.callee.object, 0);
  }
  return argument(call, 0, 'file');
}

export function label(path: Expr | undefined): string {
  const l = pathLabel(path);
  return l === undefined ? '' : ` ("${l}")`;
}

export type { Form };
