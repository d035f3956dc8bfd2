/**
 * The parse state the analysis thread (analysisWorker.ts) keeps for the
 * large documents it analyses, so a keystroke in a 5,000-line file re-parses
 * and walks only what it touched there too (lsp/incremental.ts), not the
 * whole file. The edit from the last version analysed is the one the thread
 * was sent (analysisWorker.ts); without it (the version before was sent but
 * not parsed: skipped, or no rule active) it is found again as the one
 * stretch where the texts differ (any stretch that explains the difference
 * is a correct edit for the parsers). Bounded: the least recently analysed
 * document beyond `size` loses its trees; a closed one is forgotten.
 */
import { differingStep, type TextStep } from '../frontends/changedRange';
import type { FileFacts } from '../ir/facts';
import type { Language } from '../ir/types';
import { IncrementalParse } from './incremental';

export const HELD_DOCUMENTS = 4;

interface Held {
  parse: IncrementalParse;
  /** The text of the last analysis. */
  text: string;
}

export class HeldParses {
  /** In order of use, least recent first. */
  private readonly held = new Map<string, Held>();

  constructor(private readonly limit = HELD_DOCUMENTS) {}

  /**
   * The facts of `text`, the document `key`'s next version: only what
   * changed since its last one is parsed again. `edit`, when known, turns
   * the text before into `text`.
   */
  facts(key: string, text: string, path: string, language: Language, edit?: TextStep): FileFacts {
    let entry = this.held.get(key);
    if (entry) {
      this.held.delete(key);
      const step = edit && edit.before === entry.text ? edit : differingStep(entry.text, text);
      if (step) entry.parse.editResolved({ text, steps: [step], full: false });
    } else {
      const parse = new IncrementalParse();
      // Held as edited: its trees stay whatever else is analysed (this class bounds how many).
      parse.editResolved({ text, steps: [], full: false });
      entry = { parse, text };
    }
    this.held.set(key, entry);
    for (const [k, old] of this.held) {
      if (this.held.size <= this.limit) break;
      old.parse.dispose();
      this.held.delete(k);
    }
    entry.text = text;
    return entry.parse.facts(text, path, language);
  }

  /** The document closed: its trees go. */
  forget(key: string): void {
    this.held.get(key)?.parse.dispose();
    this.held.delete(key);
  }

  /** The last JavaScript/TypeScript analysis of `key` reused statements' facts (tests check the fast path is on). */
  lastSpliced(key: string): boolean {
    return this.held.get(key)?.parse.lastSpliced ?? false;
  }

  /** How many documents keep their trees. */
  get count(): number {
    return this.held.size;
  }
}
