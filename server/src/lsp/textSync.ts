/**
 * The text of an open document, kept equal to the client's whatever the
 * changes. `vscode-languageserver-textdocument` updates its line table
 * incrementally and so goes wrong when an edit joins a `\r` and a `\n` (it
 * still counts two line breaks where the client, and LSP, count one): every
 * later position then lands elsewhere than in the editor. Here each change is
 * resolved to offsets against the current text, counting lines the way LSP
 * and VS Code do (`\n`, `\r\n` and `\r` each end a line), and applied to a
 * plain string.
 *
 * The resolved edits (`TextStep`) are what the held parse trees and the
 * carried findings are moved through too, so text and trees never disagree
 * about where an edit was.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextStep } from '../frontends/changedRange';
import { LineIndex } from '../ir/lines';

/** A change list resolved: the steps in order, or `full` when one of them replaced the whole text. */
export interface ResolvedChanges {
  text: string;
  steps: TextStep[];
  /** A change without a range replaced everything: trees and carried findings cannot be moved through it. */
  full: boolean;
}

/**
 * An LSP position as an offset into `lines`' text, clamped as LSP says: a
 * line past the end is the end of the text, a character past the line's
 * length (or inside its line break, e.g. between `\r` and `\n`) is the end of
 * the line's content.
 */
export function offsetAt(lines: LineIndex, position: Position): number {
  if (position.line >= lines.lineCount) return lines.text.length;
  if (position.line < 0) return 0;
  const start = lines.lineStart(position.line);
  return start + Math.min(Math.max(0, position.character), lines.lineText(position.line).length);
}

/**
 * Applies `changes` in order to `text`. A reversed range (end before start)
 * is taken as the same range written the right way round, as VS Code's
 * `Range` and the textdocument library do, for the text and the steps alike.
 */
export function resolveChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): ResolvedChanges {
  const steps: TextStep[] = [];
  let full = false;
  for (const change of changes) {
    if (!('range' in change)) {
      full = true;
      text = change.text;
      continue;
    }
    const lines = new LineIndex(text);
    const a = offsetAt(lines, change.range.start);
    const b = offsetAt(lines, change.range.end);
    const step = { before: text, start: Math.min(a, b), end: Math.max(a, b), text: change.text };
    steps.push(step);
    text = text.slice(0, step.start) + step.text + text.slice(step.end);
  }
  return { text, steps, full };
}

/** A read-only `TextDocument` over a string, with LSP's line breaks. */
export class SyncedDocument implements TextDocument {
  private index?: LineIndex;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly content: string,
  ) {}

  private get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.content));
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return this.content.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    return this.lines.position(offset);
  }

  offsetAt(position: Position): number {
    return offsetAt(this.lines, position);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  /** The document after `resolved` (from `resolveChanges` on this text), at `version`. */
  updated(resolved: ResolvedChanges, version: number): SyncedDocument {
    return new SyncedDocument(this.uri, this.languageId, version, resolved.text);
  }
}
