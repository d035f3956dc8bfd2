/**
 * Fixture markers and how findings are held against them (see CONTRIBUTING.md,
 * *Fixture markers*):
 *
 * - `# expect: <rule-id>` / `// expect: <rule-id>` at the end of a line: the
 *   rule reports that line; `<rule-id>@<start>-<end>` pins the finding's
 *   columns, 1-based with the end exclusive, as `twelve-factor check` shows
 *   them (`range.start.column`, `range.end.column` of `--format json`);
 *   `@<start>-+<lines>:<end>` for a finding that ends `<lines>` lines below;
 *   `<rule-id>/<message-id>` pins which of the rule's messages (`meta.messages`)
 *   the finding carries (`# expect: pid-file/pid-flag@12-25`).
 * - `# ok: <rule-id>`: the rule reports nothing on that line (a near miss).
 * - `expect-next-line:` / `ok-next-line:` on a comment line mark the line
 *   below (Dockerfile instructions take no trailing comment).
 *
 * Several rules (or spans) go in one marker, comma-separated; text after the
 * list is a free comment.
 */

export type MarkerKind = 'expect' | 'ok';

/** A finding's columns as the CLI shows them: 1-based UTF-16 columns, `end` exclusive. */
export interface Span {
  start: number;
  /** Lines from the start line to the end line (0: the finding ends on its line). */
  lines: number;
  end: number;
}

export interface Marker {
  kind: MarkerKind;
  /** 1-based line the marker is about. */
  line: number;
  rule: string;
  /** The message id the finding must carry, when the marker names one. */
  messageId?: string;
  span?: Span;
}

/** What the fixture test compares: a finding's rule, message id and 0-based LSP range. */
export interface FoundRange {
  rule: string;
  messageId: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const ITEM = String.raw`[a-z][a-z-]*(?:\/[a-z][a-z0-9-]*)?(?:@\d+-(?:\+\d+:)?\d+)?`;
const MARKER = new RegExp(String.raw`(?:#|\/\/|\/\*)\s*(expect|ok)(-next-line)?:\s*(${ITEM}(?:\s*,\s*${ITEM})*)`, 'g');
const SPAN = /^([a-z][a-z-]*)(?:\/([a-z][a-z0-9-]*))?(?:@(\d+)-(?:\+(\d+):)?(\d+))?$/;

export function formatSpan(span: Span): string {
  return `@${span.start}-${span.lines ? `+${span.lines}:` : ''}${span.end}`;
}

export function spanOf(f: FoundRange): Span {
  const { start, end } = f.range;
  return { start: start.character + 1, lines: end.line - start.line, end: end.character + 1 };
}

const sameSpan = (a: Span, b: Span) => a.start === b.start && a.lines === b.lines && a.end === b.end;

/**
 * Every marker of a fixture. Throws on a marker repeated on one line, a span
 * on an `ok:` marker (it asserts the whole line) or a span that ends before it
 * starts.
 */
export function parseMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((source, i) => {
    for (const m of source.matchAll(MARKER)) {
      const kind = m[1] as MarkerKind;
      const line = m[2] ? i + 2 : i + 1;
      for (const item of m[3].split(',').map((s) => s.trim())) {
        const [, rule, messageId, start, lines, end] = SPAN.exec(item) ?? [];
        const where = `line ${i + 1} (${kind}: ${item})`;
        const span = start ? { start: Number(start), lines: Number(lines ?? 0), end: Number(end) } : undefined;
        if ((span || messageId) && kind === 'ok')
          throw new Error(`${where}: an ok: marker takes no span or message id, it holds for the whole line`);
        if (span && span.lines === 0 && span.end <= span.start)
          throw new Error(`${where}: the span ends before it starts`);
        const marker: Marker = { kind, line, rule, messageId, span };
        if (markers.some((o) => sameMarker(o, marker))) throw new Error(`${where}: the same marker twice`);
        markers.push(marker);
      }
    }
  });
  return markers;
}

function sameMarker(a: Marker, b: Marker): boolean {
  // Two markers of one span are the same marker whatever message ids they name.
  if (a.kind !== b.kind || a.line !== b.line || a.rule !== b.rule) return false;
  return a.span && b.span ? sameSpan(a.span, b.span) : !a.span && !b.span;
}

export interface MarkerComparison {
  /** Markers no finding matched (`line 12: rule@3-9`). */
  missing: string[];
  /** Findings no marker matched, with their spans, ready to paste. */
  unexpected: string[];
  /** Markers that cannot be held against the findings: ambiguous or contradictory. */
  errors: string[];
}

/** A finding as the comparison sees it: its columns and message id. */
interface Found {
  span: Span;
  messageId: string;
}

/** `rule@3-9`, or `rule/message-id@3-9` when the marker pins a message. */
function label(rule: string, span?: Span, messageId?: string): string {
  return `${rule}${messageId ? `/${messageId}` : ''}${span ? formatSpan(span) : ''}`;
}

/**
 * Holds the findings of the rules in `scope` against the markers, per line and
 * rule: a spanned marker matches the finding with exactly its span; a marker
 * without a span matches the line's one finding of the rule (two findings of
 * a rule on a line need a spanned marker each); a marker that names a message
 * id matches only a finding with that id; an `ok:` marker matches no finding.
 */
export function compareMarkers(markers: Marker[], findings: FoundRange[], scope: Set<string>): MarkerComparison {
  const out: MarkerComparison = { missing: [], unexpected: [], errors: [] };
  const groups = new Map<string, { line: number; rule: string; markers: Marker[]; found: Found[] }>();
  const group = (line: number, rule: string) => {
    const key = `${line}:${rule}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { line, rule, markers: [], found: [] }));
    return g;
  };
  for (const m of markers) group(m.line, m.rule).markers.push(m);
  for (const f of findings) {
    if (scope.has(f.rule))
      group(f.range.start.line + 1, f.rule).found.push({ span: spanOf(f), messageId: f.messageId });
  }
  const sorted = [...groups.values()].sort((a, b) => a.line - b.line || (a.rule < b.rule ? -1 : 1));
  for (const { line, rule, markers: mine, found } of sorted) {
    const at = (span?: Span, messageId?: string) => `line ${line}: ${label(rule, span, messageId)}`;
    const shown = found.map((f) => label(rule, f.span, f.messageId)).join(', ');
    const expects = mine.filter((m) => m.kind === 'expect');
    if (mine.some((m) => m.kind === 'ok')) {
      if (expects.length) out.errors.push(`${at()}: both expect: and ok: markers`);
      else for (const f of found) out.unexpected.push(at(f.span, f.messageId));
      continue;
    }
    const unspanned = expects.filter((m) => !m.span);
    if (unspanned.length && expects.length > 1) {
      out.errors.push(`${at()}: a marker without a span beside another of the rule; give each its span`);
    } else if (unspanned.length && found.length > 1) {
      out.errors.push(`${at()}: ${found.length} findings (${shown}) for one marker without a span; give each its span`);
    } else {
      const left = [...found];
      for (const m of expects) {
        const i = left.findIndex(
          (f) => (!m.span || sameSpan(f.span, m.span)) && (!m.messageId || m.messageId === f.messageId),
        );
        if (i >= 0) left.splice(i, 1);
        else out.missing.push(at(m.span, m.messageId) + (found.length ? ` (found ${shown})` : ''));
      }
      for (const f of left) out.unexpected.push(at(f.span, f.messageId));
    }
  }
  return out;
}
