/**
 * "Read the port from PORT": the port literal becomes a read of `PORT` with
 * the literal as the default, keeping the literal's type (a number stays a
 * number; a `"host:port"` bind address keeps its host).
 */
import type { Expr, FileFacts } from '../ir/facts';
import type { Finding, Language } from '../ir/types';
import { ensurePythonImport } from './pyImports';
import type { FixResult, TextChange } from './patch';

export const PORT_TITLE = 'Read the port from PORT';

export function portFromEnv(
  path: string,
  text: string,
  language: Language,
  facts: FileFacts,
  finding: Finding,
): FixResult {
  const literal = literalAt(facts, finding);
  const name =
    typeof finding.data?.envName === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(finding.data.envName)
      ? finding.data.envName
      : 'PORT';
  if (!literal) return { title: PORT_TITLE, refused: 'the port literal changed since it was analysed' };
  const raw = text.slice(literal.span.start, literal.span.end);
  const changes: TextChange[] = [];
  let replacement: string;
  if (language === 'python') {
    const os = ensurePythonImport(text, facts, 'os');
    if (os.change) changes.push(os.change);
    const get = (dflt: string) => `${os.name}.environ.get("${name}", "${dflt}")`;
    if (literal.kind === 'number') replacement = `int(${get(raw)})`;
    else {
      const { host, port } = splitBind(literal.value);
      replacement = host === undefined ? get(port) : `${JSON.stringify(host)} + ${get(port)}`;
    }
  } else if (literal.kind === 'number') {
    replacement = `Number(process.env.${name} ?? ${raw})`;
  } else {
    const { host, port } = splitBind(literal.value);
    const quote = raw[0] === "'" ? "'" : '"';
    const read = `(process.env.${name} ?? ${quote}${port}${quote})`;
    replacement = host === undefined ? read.slice(1, -1) : `${quote}${host}${quote} + ${read}`;
  }
  changes.push({ start: literal.span.start, end: literal.span.end, newText: replacement });
  return {
    title: name === 'PORT' ? PORT_TITLE : `Read the port from ${name}`,
    patches: [{ path, create: false, text, changes }],
  };
}

/** `"0.0.0.0:8000"` → host `0.0.0.0:`, port `8000`; `"8000"` → port only. */
function splitBind(value: string): { host?: string; port: string } {
  const i = value.lastIndexOf(':');
  return i < 0 ? { port: value } : { host: value.slice(0, i + 1), port: value.slice(i + 1) };
}

function literalAt(facts: FileFacts, finding: Finding): Extract<Expr, { kind: 'number' | 'string' }> | undefined {
  const { start, end } = finding.span;
  const text = facts.text.slice(start, end);
  if (/^\d+$/.test(text)) return { kind: 'number', value: Number(text), raw: text, span: finding.span };
  return facts.strings.find((s) => s.expr.span.start === start && s.expr.span.end === end)?.expr;
}
