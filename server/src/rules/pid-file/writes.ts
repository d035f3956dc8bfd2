/**
 * Calls that write the process id somewhere that is a file: `f.write(str(os.getpid()))`,
 * `Path(p).write_text(...)`, `print(os.getpid(), file=f)`, `fs.writeFileSync(p, String(process.pid))`.
 */
import { argument, callName, containsPidRead, dottedName } from '../../ir/exprs';
import type { CallExpr, Expr, FileFacts } from '../../ir/facts';

const FS_WRITES =
  /^(?:fs|fs\/promises|fs\.promises|fs-extra|graceful-fs)\.(?:writeFile|writeFileSync|appendFile|appendFileSync|outputFile|outputFileSync)$/;
/** Receivers that are the terminal, a socket, a response or a logger, not a file. */
const NOT_FILES =
  /(?:^|\.)(?:stdout|stderr|stdin|wfile|res|resp|response|reply|socket|sock|ws|conn|connection|transport|writer|console|logger|log|request|client|pipe|channel)$/;
/** Evidence in the file that a pid file is involved, for writes through an opaque stream. */
const PID_FILE_EVIDENCE = /\.pid\b['"`]|pid_?file|pid_?path|pid_?filename/i;

/** True when the call writes a pid read into a file. */
export function writesPid(call: CallExpr, facts: FileFacts): boolean {
  const name = callName(call) ?? '';
  if (FS_WRITES.test(name)) {
    const content = argument(call, 1);
    return content !== undefined && containsPidRead(content);
  }
  if (name === 'print') {
    const file = call.args.find((a) => a.name === 'file')?.value;
    if (!file || isStandardStream(file)) return false;
    return call.args.some((a) => !a.name && containsPidRead(a.value));
  }
  if (name === 'os.write') {
    const data = argument(call, 1);
    return data !== undefined && containsPidRead(data) && PID_FILE_EVIDENCE.test(facts.text);
  }
  if (call.callee.kind !== 'member') return false;
  const method = call.callee.property;
  if (!call.args.some((a) => containsPidRead(a.value))) return false;
  if (method === 'write_text' || method === 'write_bytes') return true;
  if (method !== 'write' && method !== 'writelines') return false;
  const receiver = call.callee.object;
  if (receiver.kind === 'call') return isOpenForWrite(receiver);
  const receiverName = dottedName(receiver) ?? '';
  if (NOT_FILES.test(receiverName)) return false;
  return /pid|lock/i.test(receiverName) || PID_FILE_EVIDENCE.test(facts.text);
}

/** `open(p, "w")` / `Path(p).open("w")` / `fs.createWriteStream(p)`. */
function isOpenForWrite(call: CallExpr): boolean {
  const name = callName(call) ?? '';
  if (name === 'open' || name === 'io.open' || /\.createWriteStream$/.test(name)) return true;
  return call.callee.kind === 'member' && call.callee.property === 'open';
}

function isStandardStream(expr: Expr): boolean {
  const name = dottedName(expr);
  return name === 'sys.stdout' || name === 'sys.stderr';
}
