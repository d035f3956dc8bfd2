/**
 * The language-neutral view of a config or deployment document (Dockerfile,
 * compose file, .env, Procfile, shell script) that rules read, as FileFacts
 * is for code. Each kind's reader (frontends/documents/) parses the file with
 * a library that keeps source positions and fills these lists; rules never
 * see the library's nodes.
 */
import type { CommentFact, StringFact } from './facts';
import type { IniDialect } from '../lib/configFiles';
import type { DocumentKind, Span } from './types';

/**
 * A scalar value the document sets under a key path: a compose
 * `services.web.environment.DB_PASSWORD`, a Dockerfile `ENV`/`ARG`, a `.env`
 * entry, any other compose key.
 */
export interface ValueFact {
  /** Keys from the document root to the value: `["services", "web", "environment", "DB_PASSWORD"]`, `["ENV", "SECRET_KEY"]`. */
  path: string[];
  /** The last key: for env assignments the variable's name. */
  name: string;
  /** The value as the consumer reads it (quotes and escapes resolved). */
  value: string;
  /** The value as written (quotes included). */
  span: Span;
  /**
   * `env`: an environment variable the process gets (compose `environment`,
   * Dockerfile `ENV`, a `.env` entry); `arg`: a build argument (Dockerfile
   * `ARG` default, compose `build.args`); `setting`: a key of an
   * application's config file (`config/default.json` `db.password`,
   * `alembic.ini` `sqlalchemy.url`), bound to its key's name as a key of an
   * object in code is; `key`: any other value (judged by its format only).
   */
  role: 'env' | 'arg' | 'setting' | 'key';
  /**
   * How the file encodes the value: `base64` for a Kubernetes Secret's
   * `data` (`value` is then the decoded text, `span` the encoded one).
   */
  encoding?: 'base64';
  /**
   * The value is (or contains) a variable reference (`${DB_PASSWORD}`,
   * `$PORT`, compose's `$$`): it names where the value comes from rather than
   * holding one.
   */
  reference: boolean;
  /**
   * The whole statement that sets this value, when it sets nothing else (a
   * Dockerfile `ENV` of one variable): what a fix removes to unset it.
   */
  soleStatement?: Span;
}

/** One word of a command line, with where it is written. */
export interface CommandWord {
  /** The word with quotes removed. */
  value: string;
  span: Span;
}

/** A command the document runs: a Dockerfile `CMD`/`ENTRYPOINT`/`RUN`, a Procfile process, a shell line. */
export interface CommandFact {
  /** What runs it: `CMD`, `ENTRYPOINT`, `RUN`, `process` (Procfile), `shell`, compose `command`/`entrypoint`. */
  source: string;
  /** Procfile process type or compose service, when there is one. */
  owner?: string;
  /** The words, split the way a POSIX shell splits them (no expansion); exec forms as listed. */
  words: CommandWord[];
  span: Span;
}

export interface DocumentFacts {
  document: DocumentKind;
  /** Workspace-relative path with `/` separators. */
  path: string;
  text: string;
  values: ValueFact[];
  commands: CommandFact[];
  /** `#` comments (suppression comments are read from them). */
  comments: CommentFact[];
  /** Whether git tracks the file; undefined when not known. */
  tracked?: boolean;
  /**
   * Key paths (`db.host`) that node-config's `custom-environment-variables.*`
   * beside the file maps to environment variables: their values are fallbacks.
   */
  envMapped?: readonly string[];
  /**
   * YAML: the `kind` of each document of the stream that is a Kubernetes
   * object, `''` for one that is not (a file of Secrets only can leave the
   * repository whole).
   */
  manifestKinds?: string[];
  /** What an INI config file configures (uwsgi, supervisord, alembic), from its name. */
  dialect?: IniDialect;
  /** The reader could not read all of the file; the facts cover what it could. */
  syntaxErrors: boolean;
}

export function emptyDocumentFacts(document: DocumentKind, path: string, text: string): DocumentFacts {
  return { document, path, text, values: [], commands: [], comments: [], syntaxErrors: false };
}

/** `${X}`, `$X`, `$$`: a value that refers to a variable (or escapes `$`) instead of holding a literal. */
export function hasVariableReference(value: string): boolean {
  return /\$(?:\{|[A-Za-z_]|\$)/.test(value);
}

/**
 * A reference in an application config file, whose loaders substitute only
 * what they spell out: `${VAR}` (and `${VAR:-default}`), a value that is
 * one `$VAR`, configparser's `%(name)s`, uWSGI's `$(VAR)`, ERB's `<%= … %>`,
 * Helm/Jinja `{{ … }}`. A `$` inside a value (`pa$sw0rd`, a Django key) is
 * part of the value.
 */
export function hasConfigReference(value: string): boolean {
  return /\$\{[A-Za-z_][\w.:-]*|^\$[A-Za-z_]\w*$|%\([\w.-]*\)|\$\([\w.-]+\)|<%=|\{\{/.test(value);
}

/**
 * A value seen as the string literal code would write (what the secret
 * classification and the move-to-.env fix read): env and build values are
 * bound to their variable's name, other keys to their path only.
 */
export function valueLiteral(value: ValueFact): StringFact {
  const bound = value.role !== 'key';
  return {
    expr: { kind: 'string', value: value.value, span: value.span },
    name: bound ? value.name : undefined,
    nameKind: bound ? (value.role === 'setting' ? 'key' : 'assign') : undefined,
    path: value.path,
    envFallback: false,
    scope: { kind: 'module' },
  };
}

/** From the first word's start to the last word's end. */
export function wordsSpan(words: readonly CommandWord[]): Span {
  return { start: words[0].span.start, end: words[words.length - 1].span.end };
}

/** A command a process runs when it starts: a Dockerfile `CMD`/`ENTRYPOINT`, a Procfile process, a script's line (not `RUN`, the build). */
export function runsAtStart(command: CommandFact): boolean {
  return (
    command.source === 'CMD' ||
    command.source === 'ENTRYPOINT' ||
    command.source === 'process' ||
    command.source === 'shell'
  );
}
