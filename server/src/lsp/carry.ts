/**
 * While a document does not parse, its last good findings are kept, moved
 * through the edits, instead of being cleared: half-typed code must not make
 * every diagnostic of the file blink away and back.
 *
 * A finding moves with the text around it; an edit that touches its span
 * drops it (the user is changing that code).
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../ir/types';
import type { TextStep } from '../frontends/changedRange';
import { resolveChanges } from './textSync';

/** Moves `findings` (spans in `before`'s text) through `changes`; returns those the edits did not touch. */
export function carryThroughChanges(
  findings: readonly Finding[],
  before: Pick<TextDocument, 'getText'>,
  changes: readonly TextDocumentContentChangeEvent[],
): Finding[] {
  if (findings.length === 0) return [];
  const resolved = resolveChanges(before.getText(), changes);
  return resolved.full ? [] : carryThroughSteps(findings, resolved.steps);
}

/** Moves `findings` through resolved edits (textSync.ts); returns those the edits did not touch. */
export function carryThroughSteps(findings: readonly Finding[], steps: readonly TextStep[]): Finding[] {
  if (findings.length === 0) return [];
  let kept = findings.map((f) => ({ ...f, span: { ...f.span } }));
  for (const { start, end, text } of steps) {
    const delta = text.length - (end - start);
    kept = kept.filter((f) => f.span.end <= start || f.span.start >= end);
    for (const f of kept) {
      if (f.span.start >= end) {
        f.span.start += delta;
        f.span.end += delta;
      }
    }
  }
  return kept;
}

/** Gives carried findings their ranges in the current text. */
export function withRanges(findings: readonly Finding[], document: TextDocument): Finding[] {
  return findings.map((f) => ({
    ...f,
    range: { start: document.positionAt(f.span.start), end: document.positionAt(f.span.end) },
  }));
}

/**
 * The findings to show for a version that has syntax errors: what the
 * recovering parser still found, plus the carried findings it did not find
 * again (same rule at an overlapping span).
 */
export function mergeCarried(fresh: readonly Finding[], carried: readonly Finding[]): Finding[] {
  const extra = carried.filter(
    (c) => !fresh.some((f) => f.rule === c.rule && f.span.start < c.span.end && c.span.start < f.span.end),
  );
  return [...fresh, ...extra].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
}
