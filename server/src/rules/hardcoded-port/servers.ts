/**
 * Where servers take the port they bind: `X.listen(port)`, `app.run(port=)`,
 * `HTTPServer(("", port), …)`, `serve({ port })`. Client connections
 * (`redis.createClient({ port })`, `psycopg2.connect(port=)`) are not here:
 * their port locates a backing service, it is not one this process binds.
 */

/** Callee names (resolved through imports) whose options object carries the bound `port`. */
export const OPTION_SERVERS =
  /^(?:Bun\.serve|Deno\.serve|Deno\.listen|ws\.(?:WebSocketServer|Server)|@hapi\/hapi\.(?:server|Server)|hapi\.(?:server|Server)|@hono\/node-server\.serve|net\.createServer\(\)\.listen)$/;

/** Callee tails that bind a port given as the `port` keyword (Flask/Quart/Sanic `app.run`, uvicorn, aiohttp, waitress, socketio, bottle). */
export const PORT_KEYWORD_TAILS = new Set([
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

/** Receivers of `.run(port=…)` that are not servers (a subprocess or a Docker container). */
export const NOT_SERVER_RUN =
  /^(?:subprocess|docker|asyncio|trio|anyio|invoke|fabric|click|typer)(?:\.|$)|containers\.run$/;

/** Positional port arguments: canonical callee → index of the port (or of the `(host, port)` tuple). */
export const POSITIONAL_PORT: Record<string, { index: number; tuple?: boolean }> = {
  'werkzeug.serving.run_simple': { index: 1 },
  'werkzeug.run_simple': { index: 1 },
  'wsgiref.simple_server.make_server': { index: 1 },
  'asyncio.start_server': { index: 2 },
  'http.server.HTTPServer': { index: 0, tuple: true },
  'http.server.ThreadingHTTPServer': { index: 0, tuple: true },
  'socketserver.TCPServer': { index: 0, tuple: true },
  'socketserver.ThreadingTCPServer': { index: 0, tuple: true },
  'socketserver.ForkingTCPServer': { index: 0, tuple: true },
  'socketserver.UDPServer': { index: 0, tuple: true },
  'xmlrpc.server.SimpleXMLRPCServer': { index: 0, tuple: true },
};

/** Gunicorn settings that mark a Python module as a gunicorn config file. */
export const GUNICORN_SETTINGS = [
  'workers',
  'worker_class',
  'wsgi_app',
  'accesslog',
  'errorlog',
  'threads',
  'worker_connections',
  'preload_app',
];
