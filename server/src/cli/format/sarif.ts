/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. One run;
 * every registered rule is described (so an alert keeps its help after the
 * rule stops firing); messages are the engine's, already masked; columns
 * are 1-based UTF-16 code units, as LSP and GitHub count them; file URIs are
 * relative to `%SRCROOT%` (the directory `check` ran in) so the log is the
 * same on every checkout.
 */
import { pathToFileURL } from 'node:url';
import { version } from '../../../../package.json';
import type { Severity } from '../../ir/types';
import { factorUrl, FACTOR_TITLES } from '../../factors/factorInfo';
import { docsUrl } from '../../shared/docs';
import { RULES } from '../../rules';
import type { Rule } from '../../rules/rule';
import type { CheckReport, ReportFinding } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/twelve-factor-lint/twelve-factor';
/** Versioned so a change of fingerprint scheme does not silently re-open every alert. */
export const FINGERPRINT_KEY = 'twelveFactor/v2';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub files rules with a `security-severity` under security alerts and
 * ranks them by it (7.0–8.9 is "high"). Only a leaked credential is a
 * security problem; the other rules are design advice.
 */

export interface SarifOptions {
  /** Absolute directory the report's relative file paths start from. */
  cwd: string;
}

export function formatSarif(report: CheckReport, options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.meta.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'twelve-factor',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: RULES.map(sarifRule),
          },
        },
        invocations: [invocation(report)],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => sarifResult(f, ruleIndex.get(f.rule))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function sarifRule(rule: Rule) {
  const { meta } = rule;
  const factors = [meta.factor, ...(meta.alsoFactors ?? [])];
  const factorNames = factors.map((f) => `${f}. ${FACTOR_TITLES[f]}`).join(', ');
  const helpUri = docsUrl(meta.id);
  const tags = ['twelve-factor', ...factors.map((f) => `factor-${f}`)];
  if (meta.security) tags.push('security');
  const properties: Record<string, unknown> = { tags, precision: 'high' };
  if (meta.security) properties['security-severity'] = meta.security.severity;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: `${meta.title}. Twelve-Factor App: ${factorNames}.` },
    help: {
      text: `${meta.title}.\n\nFactor ${factorNames}: ${factors.map(factorUrl).join(' ')}\n\nWhat it finds, why it matters and what to write instead: ${helpUri}`,
      markdown:
        `**${meta.title}.**\n\n` +
        `Factor ${factors.map((f) => `[${f}. ${FACTOR_TITLES[f]}](${factorUrl(f)})`).join(', ')}.\n\n` +
        `What it finds, why it matters and what to write instead: [${meta.id}](${helpUri}).`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties,
  };
}

function sarifResult(f: ReportFinding, ruleIndex: number | undefined) {
  const result: Record<string, unknown> = {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file),
          region: {
            startLine: f.range.start.line,
            startColumn: f.range.start.column,
            endLine: f.range.end.line,
            endColumn: f.range.end.column,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  // The message's id beside its text: tools can match on it where the wording changes.
  const properties: Record<string, unknown> = { messageId: f.messageId };
  if (f.role) properties.role = f.role;
  // The region is in the .ipynb text (code scanning shows the JSON line); the cell says where in the notebook.
  if (f.cell) properties.cell = f.cell.index;
  result.properties = properties;
  return result;
}

/** Skipped files and failed rules become notifications: CI logs show what was not analysed. */
function invocation(report: CheckReport) {
  const notifications = [
    ...report.skippedFiles.map((s) => ({
      level: 'note',
      message: { text: `skipped: ${s.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
    })),
    ...report.errors.map((e) => ({ level: 'warning', message: { text: `partial analysis: ${e}` } })),
  ];
  return { executionSuccessful: true, toolExecutionNotifications: notifications };
}

/** Paths under the cwd are relative to %SRCROOT%; one outside it (`../lib`) keeps an absolute file URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href };
  if (file === '..' || file.startsWith('../')) return { uri: encodeRelative(file) };
  return { uri: encodeRelative(file), uriBaseId: SRCROOT };
}

function encodeRelative(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
