/**
 * "A server binds a port": which calls bind one (`X.listen(port)`,
 * `app.run(port=)`, `HTTPServer(("", port), …)`, `serve({ port })`,
 * `new WebSocketServer({ port })`, grpc's `add_insecure_port("[::]:50051")`)
 * and which expression the port comes from. The one definition the
 * hardcoded-port rule (is the port a literal?) and the factor VII check
 * (is it read from the environment?) both ask. Client connections
 * (`redis.createClient({ port })`, `psycopg2.connect(port=)`) are not here:
 * their port locates a backing service, it is not one this process binds.
 */
import type { CallExpr, Expr, FileFacts } from '../ir/facts';
import { argument, lastSegment, property } from '../ir/exprs';

export interface PortBinding {
  /** The expression the port is taken from; absent when the server binds its default port. */
  port?: Expr;
  /** `port` is a bind address (`"[::]:50051"`), not the port alone. */
  address?: boolean;
}

/** Callee names (resolved through imports) whose options object carries the bound `port`, or that bind a default port without one. */
const DEFAULT_PORT_SERVERS = /^(?:Bun\.serve|Deno\.serve|@hono\/node-server\.serve)$/;
/** Callee names whose options bind a port only when they name one (`new WebSocketServer({ server })` shares another server's). */
const PORT_OPTION_SERVERS =
  /^(?:Deno\.listen|ws\.(?:WebSocketServer|Server)|@hapi\/hapi\.(?:server|Server)|hapi\.(?:server|Server))$/;

/** Python servers that bind a port whatever their arguments say (the default one when none is given). */
const PY_SERVERS =
  /^(?:aiohttp\.web\.run_app|waitress\.serve|werkzeug\.serving\.run_simple|wsgiref\.simple_server\.make_server|http\.server\.(?:Threading)?HTTPServer|socketserver\.\w*TCPServer|hypercorn\.asyncio\.serve)$/;

/** Callee tails that bind a port given as the `port` keyword (Flask/Quart/Sanic `app.run`, uvicorn, aiohttp, waitress, socketio, bottle). */
const PORT_KEYWORD_TAILS = new Set([
  'run',
  'run_app',
  'serve',
  'run_simple',
  'run_server',
  'start_server',
  'create_server',
  'make_server',
  'Config',
]);

/** Receivers of `.run(port=…)` that are not servers (a subprocess, a Docker container, a task runner). */
const NOT_SERVER_RUN =
  /^(?:subprocess|docker|asyncio|trio|anyio|invoke|fabric|click|typer|celery|unittest|pytest)(?:\.|$)|containers\.run$|^(?:loop|runner|cli|task|job)\.run$/;

/** Positional port arguments: canonical callee → index of the port (or of the `(host, port)` tuple). */
const POSITIONAL_PORT = new Map<string, { index: number; tuple?: boolean }>([
  ['werkzeug.serving.run_simple', { index: 1 }],
  ['werkzeug.run_simple', { index: 1 }],
  ['wsgiref.simple_server.make_server', { index: 1 }],
  ['asyncio.start_server', { index: 2 }],
  ['http.server.HTTPServer', { index: 0, tuple: true }],
  ['http.server.ThreadingHTTPServer', { index: 0, tuple: true }],
  ['socketserver.TCPServer', { index: 0, tuple: true }],
  ['socketserver.ThreadingTCPServer', { index: 0, tuple: true }],
  ['socketserver.ForkingTCPServer', { index: 0, tuple: true }],
  ['socketserver.UDPServer', { index: 0, tuple: true }],
  ['xmlrpc.server.SimpleXMLRPCServer', { index: 0, tuple: true }],
]);

/** Whether the call (its callee `name` resolved through imports) binds a port, and where the port comes from. */
export function portBinding(facts: FileFacts, call: CallExpr, name: string): PortBinding | undefined {
  const tail = lastSegment(name);
  const positional = POSITIONAL_PORT.get(name);
  if (positional) {
    const arg = argument(call, positional.index, positional.tuple ? 'server_address' : 'port');
    if (!positional.tuple) return { port: arg };
    return { port: arg?.kind === 'array' && arg.elements.length === 2 ? arg.elements[1] : undefined };
  }
  // Node's `server.listen(port)`, tornado's `app.listen(port)`.
  if (tail === 'listen' && name.includes('.')) {
    const first = argument(call, 0);
    // `emitter.listen()` with no port, a callback, or a path (a Unix socket) is not a port binding.
    if (!first || first.kind === 'function' || (first.kind === 'string' && !/^\d+$/.test(first.value)))
      return undefined;
    // Python's `sock.listen(5)` takes the backlog; the socket's port is in its `bind`.
    if (facts.language === 'python' && isSocket(name.slice(0, name.lastIndexOf('.')), facts)) return undefined;
    return { port: first.kind === 'object' ? property(first, 'port') : first };
  }
  if (facts.language === 'python') return pythonBinding(facts, call, name, tail);
  const defaults = DEFAULT_PORT_SERVERS.test(name);
  if (defaults || PORT_OPTION_SERVERS.test(name)) {
    const port = property(call.args.find((a) => a.value.kind === 'object')?.value, 'port');
    return port || defaults ? { port } : undefined;
  }
  return undefined;
}

function pythonBinding(facts: FileFacts, call: CallExpr, name: string, tail: string): PortBinding | undefined {
  const port = call.args.find((a) => a.name === 'port')?.value;
  if (PORT_KEYWORD_TAILS.has(tail) && !NOT_SERVER_RUN.test(name)) {
    if (port) return { port };
    // `app.run(host=…)` binds the framework's default port; a bare `.run()` only on a web app.
    if (tail === 'run') return call.args.some((a) => a.name === 'host') || isWebApp(name, facts) ? {} : undefined;
  }
  if (PY_SERVERS.test(name)) return { port };
  // sock.bind(("0.0.0.0", 8000)): a raw socket server.
  if (tail === 'bind' && name.includes('.')) {
    const first = argument(call, 0);
    if (first?.kind === 'array' && first.elements.length === 2 && first.elements[0].kind === 'string') {
      return { port: first.elements[1] };
    }
  }
  // grpc: server.add_insecure_port("[::]:50051")
  if (tail === 'add_insecure_port' || tail === 'add_secure_port') return { port: argument(call, 0), address: true };
  return undefined;
}

/** `app.run()` without port/host keywords: a web app when `app` was made by a web framework. */
function isWebApp(name: string, facts: FileFacts): boolean {
  const receiver = name.slice(0, name.lastIndexOf('.'));
  const binding = facts.moduleBindings.get(receiver);
  const made = binding?.value?.kind === 'call' ? (binding.value.calleeName ?? '') : '';
  return /^(?:flask\.Flask|quart\.Quart|sanic\.Sanic|bottle\.Bottle|fastapi\.FastAPI)$/.test(made);
}

/** The name holds a `socket.socket(…)` (at module level or assigned anywhere in the file). */
function isSocket(receiver: string, facts: FileFacts): boolean {
  const made = (e: Expr | undefined) =>
    e?.kind === 'call' && /^socket\.(?:socket|create_server|fromfd)$/.test(e.calleeName ?? '');
  return (
    made(facts.moduleBindings.get(receiver)?.value) ||
    facts.assignments.some((a) => a.target === receiver && made(a.value))
  );
}
