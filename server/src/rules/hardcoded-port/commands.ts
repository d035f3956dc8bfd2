/**
 * hardcoded-port in the commands a deployment runs: a Dockerfile `CMD` or
 * `ENTRYPOINT`, a Procfile process, a shell script (`boot.sh`), starting a
 * server on a literal port (`gunicorn -b :5000`, `uvicorn --port 8000`,
 * `manage.py runserver 0.0.0.0:8000`) where the command reads no `$PORT`.
 */
import { runsAtStart, type CommandFact, type CommandWord, type DocumentFacts } from '../../ir/documentFacts';
import type { Detection, Span } from '../../ir/types';

/** Where each server takes its address: options with a value, and whether the value is `host:port` or a port. */
interface ServerOptions {
  /** Options whose value is `[host]:port`. */
  bind?: string[];
  /** Options whose value is a port number. */
  port?: string[];
}

const SERVERS: Record<string, ServerOptions> = {
  gunicorn: { bind: ['-b', '--bind'] },
  uvicorn: { port: ['--port'] },
  hypercorn: { bind: ['-b', '--bind'] },
  daphne: { port: ['-p', '--port'] },
  'waitress-serve': { bind: ['--listen'], port: ['--port'] },
  granian: { port: ['--port'] },
};

/** `flask run --port`, `next start -p`: a program whose subcommand starts the server. */
const SUBCOMMAND_SERVERS: Record<string, { subcommand: string; options: ServerOptions }> = {
  flask: { subcommand: 'run', options: { port: ['-p', '--port'] } },
  next: { subcommand: 'start', options: { port: ['-p', '--port'] } },
};

/** The message of a port in a start command (`meta.messages['command-port']`). */
export const COMMAND_MESSAGE =
  'Server bound to a hardcoded port ({{port}}) in the {{server}} command — VII. Port binding: bind to the port the platform sets ({{suggestion}}) instead.';

export function detectCommandPorts(facts: DocumentFacts): Detection[] {
  const out: Detection[] = [];
  for (const command of facts.commands) {
    if (!runsAtStart(command)) continue;
    // `-b 0.0.0.0:$PORT`, `--port ${PORT:-8000}`: the port already comes from the environment.
    if (command.words.some((w) => /\$\{?PORT\b/.test(w.value))) continue;
    const hit = portOf(command);
    if (!hit) continue;
    out.push({
      span: portSpan(facts.text, hit.word, hit.port),
      messageId: 'command-port',
      params: { port: hit.port, server: hit.server, suggestion: hit.suggestion },
      key: `${command.source}:${command.owner ?? ''}:${hit.server}:${hit.port}`,
      data: { envName: 'PORT', fixes: [] },
    });
  }
  return out;
}

interface PortHit {
  server: string;
  port: string;
  word: CommandWord;
  suggestion: string;
}

function portOf(command: CommandFact): PortHit | undefined {
  const words = command.words;
  for (let i = 0; i < words.length; i++) {
    const program = programName(words, i);
    if (program === undefined) continue;
    const direct = SERVERS[program];
    if (direct) return optionPort(words, i + 1, program, direct);
    const sub = SUBCOMMAND_SERVERS[program];
    if (sub && words[i + 1]?.value === sub.subcommand) {
      return optionPort(words, i + 2, `${program} ${sub.subcommand}`, sub.options);
    }
    if (program === 'manage.py' && words[i + 1]?.value === 'runserver') return runserverPort(words, i + 2);
  }
  return undefined;
}

/** The program a word runs: its base name (`/usr/local/bin/gunicorn`), or the module of `python -m gunicorn`. */
function programName(words: readonly CommandWord[], i: number): string | undefined {
  const name = i > 0 && words[i - 1].value === '-m' ? words[i].value : baseName(words[i].value);
  return name in SERVERS || name in SUBCOMMAND_SERVERS || name === 'manage.py' ? name : undefined;
}

function baseName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

function optionPort(
  words: readonly CommandWord[],
  from: number,
  server: string,
  options: ServerOptions,
): PortHit | undefined {
  for (let i = from; i < words.length; i++) {
    const value = words[i].value;
    for (const [kind, names] of [
      ['bind', options.bind],
      ['port', options.port],
    ] as const) {
      for (const name of names ?? []) {
        let arg: CommandWord | undefined;
        let text: string | undefined;
        if (value === name) {
          arg = words[i + 1];
          text = arg?.value;
        } else if (value.startsWith(`${name}=`)) {
          arg = words[i];
          text = value.slice(name.length + 1);
        } else if (name.length === 2 && value.startsWith(name) && value.length > 2) {
          // `-b:5000`: a short option glued to its value.
          arg = words[i];
          text = value.slice(2);
        }
        if (!arg || text === undefined) continue;
        const port = kind === 'bind' ? bindPort(text) : literalPort(text);
        if (port) {
          const suggestion = kind === 'bind' ? `${name} 0.0.0.0:$PORT` : `${name} $PORT`;
          return { server, port, word: arg, suggestion };
        }
      }
    }
  }
  return undefined;
}

/** `manage.py runserver 8000` / `0.0.0.0:8000`: the first argument that is not an option. */
function runserverPort(words: readonly CommandWord[], from: number): PortHit | undefined {
  const arg = words.slice(from).find((w) => !w.value.startsWith('-'));
  if (!arg) return undefined;
  const port = literalPort(arg.value) ?? bindPort(arg.value);
  return port ? { server: 'manage.py runserver', port, word: arg, suggestion: 'runserver 0.0.0.0:$PORT' } : undefined;
}

/** The port of `[host]:port` (`:5000`, `0.0.0.0:8000`, `[::]:8000`); not `unix:` sockets or `fd://`. */
function bindPort(text: string): string | undefined {
  if (/^(?:unix|fd):/.test(text)) return undefined;
  const m = /:(\d{1,5})$/.exec(text);
  return m && validPort(m[1]) ? m[1] : undefined;
}

function literalPort(text: string): string | undefined {
  return /^\d{1,5}$/.test(text) && validPort(text) ? text : undefined;
}

function validPort(digits: string): boolean {
  const n = Number(digits);
  return n > 0 && n <= 65535;
}

/** The digits of the port inside the word as written (quotes included), else the whole word. */
function portSpan(text: string, word: CommandWord, port: string): Span {
  const raw = text.slice(word.span.start, word.span.end);
  const at = raw.lastIndexOf(port);
  return at < 0 ? word.span : { start: word.span.start + at, end: word.span.start + at + port.length };
}
