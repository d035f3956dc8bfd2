/**
 * The engine's public vocabulary: languages, positions, findings and rule
 * metadata. Nothing here knows about LSP or the CLI.
 */

import type { FileSignals } from './signals';

export type Language = 'python' | 'javascript' | 'typescript';

/**
 * Config and deployment files the engine reads as documents rather than code
 * (frontends/documents/): recognised by name, parsed by a library, summarised
 * as DocumentFacts.
 */
export const DOCUMENT_KINDS = [
  'dockerfile',
  'compose',
  'dotenv',
  'procfile',
  'shell',
  'json-config',
  'yaml-config',
  'ini-config',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * What the engine can analyse: a programming language, a document kind, or a
 * notebook (its Python cells, engine/notebook.ts).
 */
export type InputKind = Language | DocumentKind | 'notebook';

const DOCUMENT_KIND_SET: ReadonlySet<string> = new Set(DOCUMENT_KINDS);

export function isDocumentKind(kind: string): kind is DocumentKind {
  return DOCUMENT_KIND_SET.has(kind);
}

export type Severity = 'error' | 'warning' | 'info';

/** Severities in order, the most severe highest. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** The less severe of two severities. */
export function lowerSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/** A configured level: a severity, or `off` to disable a rule. */
export type RuleLevel = Severity | 'off';

export const FACTORS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;
export type FactorId = (typeof FACTORS)[number];

/** Zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open UTF-16 offsets into the file's text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a file is for, decided once per file by the engine (roles.ts): rules
 * declare the roles they apply to, and the findings carry it.
 */
export const FILE_ROLES = ['app', 'test', 'browser', 'vendored', 'tooling', 'migration'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/**
 * How a rule applies in files of one role: to every detection, or only to
 * the detections its detector marks `confidence: 'live-format'`.
 */
export type RoleScope = 'all' | 'live-format';

export interface RuleMeta {
  /** kebab-case id; a public contract. */
  id: string;
  /** The factor the rule belongs to; `alsoFactors` lists secondary ones. */
  factor: FactorId;
  alsoFactors?: FactorId[];
  /** One line: what the rule finds. */
  title: string;
  defaultSeverity: Severity;
  languages: Language[];
  /** The document kinds the rule reads (its `detectDocument`); none when omitted. */
  documents?: DocumentKind[];
  /**
   * Cheap prefilter: when none of these strings occurs in a file's text the
   * rule cannot match there and is not run. Omit for rules that need no text.
   * Applies to source files only: documents are small and their detectors
   * look at few values.
   */
  keywords?: string[];
  /** The roles of file the rule applies to by default; a role left out is not analysed by it. */
  roles: Partial<Record<FileRole, RoleScope>>;
  /**
   * The quick-fixes the rule's findings may offer (a finding narrows them
   * with `data.fixes`); code actions offer no other kind for it.
   */
  fixes?: FixKind[];
  /**
   * A security finding: tagged `security` in SARIF with this
   * `security-severity` (GitHub code scanning's 0–10 scale), and its values
   * are named as secrets (APP_… rather than SERVICE_… by the fixes).
   */
  security?: { severity: string };
  /**
   * Other tools' inline pragmas that also silence the rule on their line:
   * `secret` is gitleaks' `gitleaks:allow`, detect-secrets' `pragma: allowlist
   * secret` and `nosec` (engine/suppress.ts).
   */
  pragmas?: 'secret'[];
  /**
   * The rule's messages by id: templates whose `{{name}}` placeholders a
   * detection's `params` fill (engine/messages.ts). Ids are stable, so
   * fixtures and other tools can name a message without quoting its words.
   */
  messages: Readonly<Record<string, string>>;
}

/**
 * What the project around a file declares, gathered once per project from
 * its manifests and Dockerfile (workspace/projectFacts.ts) and handed to
 * every rule with the file's facts: rules read it, they never read files.
 */
export interface ProjectFacts {
  /** Commands the project declares: console scripts and bins of its dependencies, programs it installs. */
  declaredTools: ReadonlySet<string>;
  /** Folders of maintainer scripts run by package.json scripts (root-relative): their files are tooling. */
  toolingDirs?: ReadonlySet<string>;
  /** What loads `.env` files, when asked for (workspace/envLoaders.ts): the "Move to .env" fix reads it. */
  dotenvLoaders?: readonly DotenvLoader[];
}

/** Something in a project that reads a `.env` file: a call in the code, a flag in a script, a framework. */
export interface DotenvLoader {
  /** Where it is declared: root-relative, `/` separators. */
  file: string;
  /** 0-based line in `file`, when known. */
  line?: number;
  /** What it is, for a fix title: `python-dotenv's load_dotenv()`, `env_file:`, `--env-file`. */
  how: string;
  /** Where, when `file` alone does not say it: `package.json script "start"`, `service api of compose.yml`. */
  where?: string;
  /**
   * It puts the file's variables into the process environment (`os.environ`,
   * `process.env`); false for readers that keep them to their own API
   * (python-decouple's `config()`, pydantic-settings' `env_file`, Vite).
   */
  setsEnviron: boolean;
  /**
   * The env file it loads, root-relative, when the loader names one
   * (`env_file:`, `--env-file`); undefined: the `.env` of the app `file` belongs to.
   */
  envFile?: string;
}

/** What a detector returns: a position and which of its rule's messages, with what words. */
export interface Detection {
  span: Span;
  /** A key of the rule's `meta.messages`. */
  messageId: string;
  /** The placeholders' words; never a raw value (secrets are masked before they get here). */
  params?: Readonly<Record<string, string | number>>;
  /**
   * Content that identifies the finding independently of its line (used for
   * baseline fingerprints): e.g. the normalized statement or a hash of a value.
   */
  key: string;
  /** What quick-fixes need; never a secret value. */
  data?: FindingData;
  /**
   * `live-format`: the value is in a provider's format and looks issued (not
   * a test-mode key, not a name-based guess). Rules scoped `live-format` in a
   * role report only these there.
   */
  confidence?: 'live-format';
  /**
   * A lower severity for this detection than the rule's level (a development
   * default in a dev compose file): the engine reports the lower of the two.
   */
  severity?: Severity;
}

export interface FindingData {
  /** Suggested environment variable name for move-to-environment. */
  envName?: string;
  /** The fix kinds this finding supports. */
  fixes?: FixKind[];
  [extra: string]: unknown;
}

export type FixKind = 'move-to-env' | 'port-from-env' | 'log-to-stdout' | 'stop-tracking';

/** A finding as the engine reports it to the server and the CLI. */
export interface Finding {
  rule: string;
  factor: FactorId;
  severity: Severity;
  range: Range;
  span: Span;
  /** The key of the rule's `meta.messages` the message was formatted from. */
  messageId: string;
  message: string;
  /** Stable across line moves: rule + file + normalized content. */
  fingerprint: string;
  data?: FindingData;
  /** The role of the file the finding is in (the engine always sets it). */
  role?: FileRole;
  /** In a notebook: the cell (0-based among all its cells) and the range in the cell's text. */
  cell?: { index: number; range: Range };
}

/** Per-file analysis result. */
export interface FileResult {
  findings: Finding[];
  /** Set when the file was not analysed: why (binary, too large, minified). */
  skipped?: string;
  /** True when the parser reported syntax errors (findings may be partial). */
  syntaxErrors?: boolean;
  /** Rules that failed on this file (their findings are missing); never file content. */
  errors?: string[];
  /** What the file is for, and why the engine thinks so (set when the file was analysed). */
  role?: FileRole;
  roleReason?: string;
  /** Workspace signals for the compliance outline, when `AnalyzeOptions.signals` asked for them. */
  signals?: FileSignals;
}
