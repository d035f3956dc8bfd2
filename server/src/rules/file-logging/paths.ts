/**
 * Questions about the path a log handler writes to: is it a file at all (not
 * stdout, a file descriptor or /dev/null), is it a test's temporary file, and
 * a short label for the message.
 */
import { callName, dottedName, isEnvRead, some } from '../../ir/exprs';
import type { Expr } from '../../ir/facts';

/** Paths that are the standard streams or nothing: writing there is not file logging. */
const STREAM_PATHS = new Set([
  '-',
  '',
  '1',
  '2',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/null',
  'nul',
  'ext://sys.stdout',
  'ext://sys.stderr',
]);
const STREAM_NAMES = new Set([
  'sys.stdout',
  'sys.stderr',
  'os.devnull',
  'process.stdout',
  'process.stderr',
  'process.stdout.fd',
  'process.stderr.fd',
]);
const TEMP_NAME =
  /^(?:tmp_?path(?:_factory)?|tmpdir|tmp_?dir|temp_?dir|tempdir|tmp|temp|tmp_?file|temp_?file|tmpfile|tempfile)$/i;
const TEMP_CALL = /^(?:tempfile\.|os\.tmpdir$|tmp\.|tmp-promise\.)/;

/** The expression is stdout/stderr, a descriptor number, or /dev/null. */
export function isStreamTarget(expr: Expr | undefined): boolean {
  if (!expr) return false;
  if (expr.kind === 'number') return true;
  if (expr.kind === 'string') return STREAM_PATHS.has(expr.value.trim());
  const name = dottedName(expr);
  return name !== undefined && STREAM_NAMES.has(name);
}

/** A path built from a test's temporary directory (`tmp_path / "x.log"`, `os.tmpdir()`). */
export function isTempPath(expr: Expr): boolean {
  return some(expr, (e) => {
    if (e.kind === 'name') return TEMP_NAME.test(e.name);
    if (e.kind === 'member') return TEMP_NAME.test(e.property) && e.object.kind === 'name' && e.object.name === 'self';
    if (e.kind === 'call') {
      const name = callName(e) ?? '';
      return TEMP_CALL.test(name) || /(?:^|\.)(?:mkdtemp|mkstemp|tmpdir|gettempdir)$/.test(name);
    }
    return false;
  });
}

/** A file path written out in the code: a literal, a template, or a path join of literals. */
export function isLiteralPath(expr: Expr | undefined): boolean {
  if (!expr || isStreamTarget(expr) || isEnvRead(expr)) return false;
  if (expr.kind === 'string' || expr.kind === 'template') return true;
  if (expr.kind === 'call') {
    const name = callName(expr) ?? '';
    return /^(?:path\.(?:join|resolve)|os\.path\.join|pathlib\.Path|Path)$/.test(name) && stringsIn(expr).length > 0;
  }
  // pathlib: BASE_DIR / "logs" / "app.log"
  if (expr.kind === 'binary' && (expr.op === '/' || expr.op === '+')) return stringsIn(expr).length > 0;
  return false;
}

/** The path looks like a log file: `*.log`, a `logs/` folder, `*.log.1`. */
export function isLogPath(expr: Expr | undefined): boolean {
  if (!expr || !isLiteralPath(expr)) return false;
  return stringsIn(expr).some((s) => /\.log(?:\.\d+)?$|(?:^|[/\\])logs?[/\\]|^logs?$|\.log\b/i.test(s.trim()));
}

/** A label for the message: the last literal piece of the path. */
export function pathLabel(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  const parts = stringsIn(expr).filter((s) => s.trim() !== '');
  if (parts.length === 0) return undefined;
  if (expr.kind === 'string') return expr.value;
  return `…${parts[parts.length - 1]}`;
}

function stringsIn(expr: Expr): string[] {
  const out: string[] = [];
  some(expr, (e) => {
    if (e.kind === 'string') out.push(e.value);
    else if (e.kind === 'template') out.push(...e.quasis.filter((q) => q !== ''));
    return false;
  });
  return out;
}
