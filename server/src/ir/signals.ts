/**
 * What a source file tells the compliance checks beyond its findings (the
 * signals/ layer computes these from facts; the engine carries them in its
 * result): environment reads, SIGTERM handlers, servers, routes, databases,
 * and the values that cross module boundaries.
 */

/** A module-level value another module can import: `['config', 'port']` for `export const config = { port }`. */
export interface ExportSignal {
  /** From the module's namespace; `module.exports = {…}` entries start at its keys. */
  path: string[];
  /** `env`: reads the environment; `literal`: a constant written in the module; `other`: anything else (a call's result…). */
  value: 'env' | 'literal' | 'other';
}

/** A reference to another module's export, as written in the importing file. */
export interface ModuleRef {
  /** The import's module specifier (`./config`, `.config`, `app.settings`, `django.conf`). */
  module: string;
  /** The imported member (`settings` of `from .config import settings`), `default`, or undefined for the module. */
  imported?: string;
  /** Members read after the import (`port` of `config.port`). */
  path: string[];
}

export type DatabaseKind = 'sqlite' | 'postgres' | 'mysql' | 'mongodb';

export interface ServerSignal {
  /** 0-based line of the call that binds the port. */
  line: number;
  callee: string;
  /** The port argument reads the environment (directly or through a module binding). */
  portFromEnv: boolean;
  /** When the port is another module's export (`config.port`): which, for the project to resolve. */
  portRef?: ModuleRef;
}

export interface RouteSignal {
  line: number;
  /** The route path as written (`/admin/migrate`, `tasks/reindex/`). */
  path: string;
}

export interface DatabaseSignal {
  line: number;
  kind: DatabaseKind;
}

export interface FileSignals {
  /** Environment variables read with a constant name, sorted, unique. */
  envReads: string[];
  /** 0-based lines of SIGTERM handlers (`signal.signal(signal.SIGTERM, …)`, `process.on('SIGTERM', …)`). */
  sigterm: number[];
  servers: ServerSignal[];
  routes: RouteSignal[];
  databases: DatabaseSignal[];
  /** Imported modules that install SIGTERM handling for the process (celery, uvicorn, terminus...). */
  shutdownLibraries: string[];
  /** Imported command-line frameworks (click, typer, commander...): the file defines commands. */
  cliLibraries: string[];
  /** Module-level values other modules can import, and whether each reads the environment. */
  exports?: ExportSignal[];
}
