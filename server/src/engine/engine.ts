/**
 * The engine: text in, findings out. Shared by the language server, the CLI
 * and the workers. Applies rule levels, suppression comments and fingerprints
 * on top of the detectors' raw detections.
 */
import { createHash } from 'node:crypto';
import type { FileFacts } from '../ir/facts';
import type { DocumentFacts } from '../ir/documentFacts';
import { extractDocument } from '../frontends/documents';
import {
  compilePythonWasm,
  compiledPythonWasm,
  extractFacts,
  initParsers,
  inputKindOf,
  languageOf,
  type PythonWasm,
} from '../frontends';
import { LineIndex } from '../ir/lines';
import { isDense, shouldSkipPython, shouldSkipText } from '../frontends/skip';
import { classifyFile, type RoleFiles, type RoleLevels } from '../semantics/roles';
import { parseSuppressions, type Suppressions } from './suppress';
import { formatMessage } from './messages';
import { analyzeNotebookText } from './notebook';
import {
  isDocumentKind,
  lowerSeverity,
  type Detection,
  type FileResult,
  type FileRole,
  type Finding,
  type InputKind,
  type Language,
  type ProjectFacts,
  type RuleLevel,
} from '../ir/types';
import { RULES } from '../rules';
import { computeSignals } from '../signals/signals';
import type { Rule } from '../rules/rule';
import { keywordPattern, type KeywordGate, type KeywordTest } from './keywords';

export { compilePythonWasm, compiledPythonWasm, initParsers, inputKindOf, languageOf, type PythonWasm };

export interface AnalyzeOptions {
  /** Per-rule level overrides (`off` disables). */
  rules?: Record<string, RuleLevel | undefined>;
  /**
   * Whether the file matches the configured `testFiles` globs; undefined:
   * the default test globs decide (roles.ts).
   */
  isTestFile?: boolean;
  /** Level applied to every finding in a test file, every rule included (unless `off` per rule). */
  testFileSeverity?: RuleLevel;
  /** User globs that assign roles, checked before the defaults. */
  roleFiles?: RoleFiles;
  /** Per-role rule levels: turn a rule on (or off) in files of that role, whatever its default roles. */
  roles?: RoleLevels;
  /** The file's role when the caller already knows it; otherwise the engine classifies the file. */
  role?: FileRole;
  /** Also compute the file's workspace signals (compliance outline) from the same facts. */
  signals?: boolean;
  /** What the file's project declares (manifests, Dockerfile); none when unknown. */
  project?: ProjectFacts;
  /** Whether git tracks the file (read by document rules: a tracked `.env`); undefined when not known. */
  tracked?: boolean;
  /**
   * The file is build output git tracks (`dist/`, `build/`): its messages
   * say so, no rewrite of it is offered (the source it is built from is
   * what to fix), and minified output is skipped at any size.
   */
  compiled?: boolean;
  /** Config documents: the key paths node-config's `custom-environment-variables.*` maps to variables. */
  envMapped?: readonly string[];
}

/** Appended to every message of a finding in tracked build output. */
export const COMPILED_NOTE =
  ' (In build output that git tracks: fix the source this file is compiled from, then rebuild; the committed copy ships what it holds.)';

const NO_PROJECT: ProjectFacts = { declaredTools: new Set() };

/** Turns a file's text into facts; the server passes one that re-parses incrementally. */
export type ExtractFn = (text: string, path: string, language: Language) => FileFacts;

const fullExtract: ExtractFn = (text, path, language) => extractFacts(language, text, path);

/**
 * Analyse one file's text. `path` is workspace-relative with `/` separators;
 * `language` is a programming language or a document kind (documents are
 * read by their own readers, never by `extract`). An open document's
 * analyses pass `extract` (incremental re-parsing) and `keywords` (the rules'
 * keyword search kept between versions, keywords.ts).
 */
export function analyzeText(
  text: string,
  path: string,
  language: InputKind,
  options: AnalyzeOptions = {},
  extract: ExtractFn = fullExtract,
  keywords?: KeywordGate,
): FileResult {
  if (language === 'notebook') {
    // The cells are the Python; the file's JSON (outputs, images) is only read for positions.
    return analyzeNotebookText(text, (python) => analyzeText(python, path, 'python', { ...options, signals: false }));
  }
  const skipped =
    shouldSkipText(text, path) ??
    (language === 'python' ? shouldSkipPython(text) : undefined) ??
    (options.compiled && isDense(text) ? 'minified build output (long lines with almost no whitespace)' : undefined);
  if (skipped) return { findings: [], skipped };
  const verdict = options.role
    ? { role: options.role, reason: 'given by the caller' }
    : classifyFile(path, text, options);
  const withRole: AnalyzeOptions = { ...options, role: verdict.role };
  const roleFields = { role: verdict.role, roleReason: verdict.reason };
  const active = activeRules(text, language, withRole, keywords?.tester(text));
  if (active.length === 0 && !options.signals) return { findings: [], ...roleFields };
  const facts: FileFacts | DocumentFacts = isDocumentKind(language)
    ? { ...extractDocument(language, text, path), tracked: options.tracked, envMapped: options.envMapped }
    : extract(text, path, language);
  const errors: string[] = [];
  const findings = runRules(facts, active, withRole, (e) => errors.push(e.message));
  const result: FileResult = {
    findings,
    ...roleFields,
    syntaxErrors: facts.syntaxErrors || undefined,
    errors: errors.length ? errors : undefined,
  };
  if (options.signals && !('document' in facts)) result.signals = computeSignals(facts);
  return result;
}

/**
 * Rules enabled for this language (or document kind) and the file's role
 * whose keyword prefilter matches the text (source files only).
 */
export function activeRules(
  text: string,
  language: InputKind,
  options: AnalyzeOptions,
  test: KeywordTest = (k) => k.pattern.test(text),
): Rule[] {
  const document = isDocumentKind(language);
  // A notebook's cells are Python.
  const code = language === 'notebook' ? 'python' : language;
  return RULES.filter((rule) => {
    if (isDocumentKind(code) ? !rule.meta.documents?.includes(code) : !rule.meta.languages.includes(code)) return false;
    if (scopeFor(rule, options).level === 'off') return false;
    if (document) return true;
    const keywords = keywordPattern(rule);
    return !keywords || test(keywords);
  });
}

/** Run rules over already-extracted facts (the server caches facts per document). */
export function runRules(
  facts: FileFacts | DocumentFacts,
  rules: readonly Rule[],
  options: AnalyzeOptions = {},
  onError: (error: RuleError) => void = () => undefined,
): Finding[] {
  // Most files have no detection at all: lines and suppressions are only worked out for one.
  let lines: LineIndex | undefined;
  let suppressions: Suppressions | undefined;
  const findings: Finding[] = [];
  const seenKeys = new Map<string, number>();
  const role = options.role ?? 'app';
  for (const rule of rules) {
    const { level, liveOnly } = scopeFor(rule, options);
    if (level === 'off') continue;
    let detections: Detection[];
    try {
      const project = options.project ?? NO_PROJECT;
      detections = 'document' in facts ? (rule.detectDocument?.(facts, project) ?? []) : rule.detect(facts, project);
    } catch (error) {
      // A detector bug must not take the file's other findings (or the server) down.
      onError(new RuleError(rule.meta.id, facts.path, error));
      continue;
    }
    for (const d of detections) {
      if (liveOnly && d.confidence !== 'live-format') continue;
      let message: string;
      try {
        message = formatMessage(rule.meta, d) + (options.compiled ? COMPILED_NOTE : '');
      } catch (error) {
        onError(new RuleError(rule.meta.id, facts.path, error));
        continue;
      }
      lines ??= new LineIndex(facts.text);
      suppressions ??= parseSuppressions(facts.comments, lines);
      const range = lines.range(d.span);
      if (suppressions.suppresses(rule.meta, range.start.line, d)) continue;
      const base = `${rule.meta.id}\0${facts.path}\0${d.key}`;
      const n = seenKeys.get(base) ?? 0;
      seenKeys.set(base, n + 1);
      findings.push({
        rule: rule.meta.id,
        factor: rule.meta.factor,
        severity: d.severity ? lowerSeverity(level, d.severity) : level,
        range,
        span: d.span,
        messageId: d.messageId,
        message,
        fingerprint: fingerprint(`${base}\0${n}`),
        // A fix would rewrite build output, which the next build overwrites: only suppressions are offered.
        data: options.compiled && d.data ? { ...d.data, fixes: [] } : d.data,
        role,
      });
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  return findings;
}

export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly path: string,
    override readonly cause: unknown,
  ) {
    // The cause's message is not included: it could quote file content.
    super(`rule ${ruleId} failed on ${path}`);
  }
}

interface RuleScope {
  level: RuleLevel;
  /** Only detections with `confidence: 'live-format'` are reported. */
  liveOnly: boolean;
}

const OFF: RuleScope = { level: 'off', liveOnly: false };

/**
 * A rule's level in a file of the given role. Most specific first: the
 * per-role setting, then the rule's `off`, then `testFileSeverity` (which
 * turns every rule back on in test files), then the rule's own roles.
 */
function scopeFor(rule: Rule, options: AnalyzeOptions): RuleScope {
  const role = options.role ?? 'app';
  const id = rule.meta.id;
  const forRole = options.roles?.[role]?.[id];
  if (forRole) return { level: forRole, liveOnly: false };
  const configured = options.rules?.[id];
  if (configured === 'off') return OFF;
  if (role === 'test' && options.testFileSeverity) return { level: options.testFileSeverity, liveOnly: false };
  const scope = rule.meta.roles[role];
  if (!scope) return OFF;
  return { level: configured ?? rule.meta.defaultSeverity, liveOnly: scope === 'live-format' };
}

/**
 * Scheme 2 (secret keys are keyed hashes, see mask.ts): 40 hex digits, so a
 * baseline of scheme-1 fingerprints (32) is recognised and refused rather
 * than silently matching nothing (baseline.ts).
 */
export const FINGERPRINT_HEX_DIGITS = 40;

function fingerprint(input: string): string {
  return createHash('sha256').update(`v2\0${input}`).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}
