import type { Expr, FileFacts, Span } from '../../ir/facts';
import { argument, callName, dottedName, isEnvObject, isEnvRead, someChild, stringValue } from '../../ir/exprs';
import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';
import { containsEnvSubject, envLiterals, envSubject, isPerEnvModule } from './subjects';
import { selectsConfig } from './values';

const WHY =
  'III. Config / X. Dev/prod parity: read the values that differ from the environment instead of branching on which environment this is.';

const MESSAGES = {
  comparison: `Configuration chosen by comparing {{subject}} with {{names}} — ${WHY}`,
  switch: `Configuration chosen by a switch on {{subject}} — ${WHY}`,
  'table-index': `Configuration table indexed by {{subject}} — ${WHY}`,
  'module-load': `Configuration module chosen by the environment's name — ${WHY}`,
  'config-class-table': `Flask config class picked from a table by name — ${WHY}`,
  'settings-module': `Per-environment settings module ({{module}}) — ${WHY}`,
} as const;
type Report = (span: Span, messageId: keyof typeof MESSAGES, key: string, params?: Record<string, string>) => void;

const MODULE_LOADS = new Set(['require', 'import', 'importlib.import_module', '__import__']);

export const rule = defineRule({
  meta: {
    id: 'env-specific-config',
    factor: 'III',
    alsoFactors: ['X'],
    title: 'Configuration chosen by the name of the deployment environment',
    defaultSeverity: 'info',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all', browser: 'all', migration: 'all' },
    keywords: ['ENV', 'env', 'Env', 'STAGE', 'stage', 'ENVIRONMENT', 'environment', 'SETTINGS_MODULE'],
    messages: MESSAGES,
  },
  detect(facts: FileFacts): Detection[] {
    const out: Detection[] = [];
    const seen = new Set<number>();
    const report: Report = (span, messageId, key, params) => {
      if (seen.has(span.start)) return;
      seen.add(span.start);
      out.push({ span, messageId, params, key });
    };

    for (const c of facts.comparisons) {
      // Case tests of a switch are reported once, at the switch.
      if (!c.decides || c.decides.kind === 'switch') continue;
      const match = envComparison(c.left, c.right) ?? envComparison(c.right, c.left);
      if (!match || !selectsConfig(c.decides)) continue;
      const names = match.names.map((n) => JSON.stringify(n)).join(', ');
      report(c.span, 'comparison', `compare:${match.subject}:${c.op}:${match.names.join(',')}`, {
        subject: match.subject,
        names,
      });
    }

    for (const s of facts.switches) {
      const subject = envSubject(s.discriminant);
      if (!subject) continue;
      const names = s.cases.flatMap((k) => (k.test ? envLiterals(k.test) : []));
      if (names.length === 0 || !selectsConfig(s.decides)) continue;
      report(s.discriminant.span, 'switch', `switch:${subject}:${names.join(',')}`, { subject });
    }

    // Per-environment modules and tables selected by name.
    const visit = (e: Expr): boolean => {
      if (e.kind === 'index' && !isEnvObject(e.object) && !isLooseMember(e.index)) {
        const subject = envSubject(e.index);
        if (subject) report(e.span, 'table-index', `index:${dottedName(e.object) ?? ''}:${subject}`, { subject });
      }
      if (e.kind === 'call' && MODULE_LOADS.has(callName(e) ?? '')) {
        const first = argument(e, 0);
        if (first && first.kind !== 'string' && containsEnvSubject(first)) {
          report(e.span, 'module-load', `load:${e.calleeName ?? ''}`);
        }
      }
      const table = configClassTable(e);
      if (table) {
        report(table.span, 'config-class-table', `from-object:${dottedName(table.object) ?? ''}`);
      }
      // Every node, parents before children; `false` keeps the search going.
      return someChild(e, undefined, visit);
    };
    for (const a of facts.assignments) visit(a.value);
    for (const call of facts.calls) visit(call.expr);

    // DJANGO_SETTINGS_MODULE pointed at a per-environment settings module.
    for (const call of facts.calls) {
      if (call.expr.calleeName !== 'os.environ.setdefault') continue;
      if (stringValue(argument(call.expr, 0)) !== 'DJANGO_SETTINGS_MODULE') continue;
      settingsModule(argument(call.expr, 1), report);
    }
    for (const a of facts.assignments) {
      if (a.target === 'os.environ.DJANGO_SETTINGS_MODULE') settingsModule(a.value, report);
    }
    return out;
  },
});

/**
 * `x.y.env` as an index: with no environment-name literal beside it, a
 * lower-case `env` property is as likely an object's own field
 * (`vendors[v.env]`) as the deployment's name.
 */
function isLooseMember(expr: Expr): boolean {
  return expr.kind === 'member' && !isEnvRead(expr) && expr.property === expr.property.toLowerCase();
}

/**
 * `app.config.from_object(config[config_name])`: Flask's factory picks one of
 * per-environment config classes by a name handed to `create_app`, so the
 * environment's name is the subject even where it is not read here.
 */
function configClassTable(e: Expr): Extract<Expr, { kind: 'index' }> | undefined {
  if (e.kind !== 'call' || !/(?:^|\.)config\.from_object$/.test(callName(e) ?? '')) return undefined;
  const first = argument(e, 0);
  return first?.kind === 'index' ? first : undefined;
}

function envComparison(subjectSide: Expr, literalSide: Expr): { subject: string; names: string[] } | undefined {
  const subject = envSubject(subjectSide);
  if (!subject) return undefined;
  const names = envLiterals(literalSide);
  return names.length ? { subject, names } : undefined;
}

function settingsModule(value: Expr | undefined, report: Report): void {
  if (value?.kind !== 'string' || !isPerEnvModule(value.value)) return;
  report(value.span, 'settings-module', `django-settings:${value.value}`, { module: JSON.stringify(value.value) });
}
