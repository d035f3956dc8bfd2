/**
 * Rules' keyword prefilters: a rule runs on a file only when one of its
 * keywords occurs in the text. One alternation of literals per rule (one
 * pass over the text instead of one `includes` per keyword: most keywords
 * are absent from most files, and each absent one costs a whole scan).
 *
 * An open document is searched again on every keystroke; `KeywordGate`
 * keeps where each rule's keyword was last found, so the next version is
 * searched only where the edit can have made or broken a match:
 * - a match wholly before the edit, or wholly after it (moved by its
 *   length), is still one;
 * - with no match before, a new one must overlap the edited stretch, so
 *   only the stretch and the longest keyword's length around it is searched;
 * - a match the edit touched: the whole text is searched again.
 */
import { differingStep, type TextStep } from '../frontends/changedRange';
import type { Rule } from '../rules/rule';

export interface KeywordPattern {
  pattern: RegExp;
  /** The longest keyword's length: how far around an edit a new match can reach. */
  longest: number;
}

const patterns = new WeakMap<Rule, KeywordPattern | null>();

/** The rule's keywords as one pattern; null when the rule has no prefilter (it always runs). */
export function keywordPattern(rule: Rule): KeywordPattern | null {
  let pattern = patterns.get(rule);
  if (pattern === undefined) {
    const keywords = rule.meta.keywords;
    if (!keywords) pattern = null;
    // No keyword at all: the rule never runs (an empty alternation would match everywhere).
    else if (keywords.length === 0) pattern = { pattern: /(?!)/, longest: 0 };
    else
      pattern = {
        pattern: new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')),
        longest: Math.max(...keywords.map((k) => k.length)),
      };
    patterns.set(rule, pattern);
  }
  return pattern;
}

/** Whether the keywords occur in `text`. */
export type KeywordTest = (keywords: KeywordPattern) => boolean;

interface Hit {
  at: number;
  length: number;
}

/** Where each pattern matched in one document's last version, for the next version's search (see above). */
export class KeywordGate {
  private text?: string;
  private hits = new Map<KeywordPattern, Hit | null>();

  /** The test for `text`, the document's next version; what it finds is kept for the one after. */
  tester(text: string): KeywordTest {
    const before = this.text;
    // null: nothing known (search everything); undefined: the same text.
    const step: TextStep | null | undefined = before === undefined ? null : differingStep(before, text);
    const previous = this.hits;
    this.text = text;
    this.hits = new Map();
    return (keywords) => {
      let hit = this.hits.get(keywords);
      if (hit === undefined) {
        hit = moved(previous.get(keywords), step, keywords, text);
        this.hits.set(keywords, hit);
      }
      return hit !== null;
    };
  }
}

function moved(old: Hit | null | undefined, step: TextStep | null | undefined, k: KeywordPattern, text: string) {
  if (old !== undefined && step === undefined) return old;
  if (old === undefined || !step) return search(k.pattern, text, 0, text.length);
  const delta = step.text.length - (step.end - step.start);
  if (old) {
    if (old.at + old.length <= step.start) return old;
    if (old.at >= step.end) return { at: old.at + delta, length: old.length };
    return search(k.pattern, text, 0, text.length);
  }
  // Not in the text before: a match now holds a character of the new stretch or spans where it was cut.
  const reach = Math.max(0, k.longest - 1);
  return search(k.pattern, text, step.start - reach, step.start + step.text.length + reach);
}

function search(pattern: RegExp, text: string, from: number, to: number): Hit | null {
  const start = Math.max(0, from);
  const window = start === 0 && to >= text.length ? text : text.slice(start, Math.min(text.length, to));
  const m = pattern.exec(window);
  return m ? { at: start + m.index, length: m[0].length } : null;
}
