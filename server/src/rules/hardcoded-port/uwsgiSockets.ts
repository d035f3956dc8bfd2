/**
 * hardcoded-port in uWSGI INI files: an HTTP socket (`http`, `http-socket`,
 * `http11-socket`, `https`) bound to a literal port (`http-socket = :8000`).
 * uWSGI reads the environment in its options (`http-socket = :$(PORT)`),
 * which is the fix and never a finding; the uwsgi-protocol `socket` a web
 * server in front speaks to, and unix sockets, are not port bindings.
 */
import type { DocumentFacts } from '../../ir/documentFacts';
import type { Detection } from '../../ir/types';

const HTTP_SOCKETS = new Set(['http', 'http-socket', 'http11-socket', 'https', 'https-socket']);

/** The message of a uWSGI socket option (`meta.messages['uwsgi-port']`). */
export const UWSGI_MESSAGE =
  'uWSGI {{setting}} binds a hardcoded port ({{port}}) — VII. Port binding: bind to the port the platform sets ({{setting}} = :$(PORT)) instead.';

export function detectUwsgiPorts(facts: DocumentFacts): Detection[] {
  if (facts.dialect !== 'uwsgi') return [];
  const out: Detection[] = [];
  for (const value of facts.values) {
    if (!HTTP_SOCKETS.has(value.name) || value.reference || value.path.length !== 2) continue;
    // `https = :8443,cert.pem,key.pem`: the address is the first field.
    const address = value.value.split(',')[0].trim();
    const m = /^(?:[\w.-]*|\[[0-9a-fA-F:.]*\]):(\d{1,5})$/.exec(address);
    const port = m ? Number(m[1]) : 0;
    if (!m || port < 1 || port > 65535) continue;
    const at = value.span.start + value.value.indexOf(address) + address.length - m[1].length;
    out.push({
      span: { start: at, end: at + m[1].length },
      messageId: 'uwsgi-port',
      params: { setting: value.name, port: String(port) },
      key: `uwsgi:${value.name}:${port}`,
      data: { envName: 'PORT', fixes: [] },
    });
  }
  return out;
}
