/**
 * `#` comments of the line-oriented documents (YAML, .env, Procfile, shell):
 * a `#` at the start of a line or after a blank, outside quotes. Only what
 * suppression comments need: the text after the `#`, and whether something
 * precedes it on its line.
 */
import type { CommentFact } from '../../ir/facts';

export function hashComments(text: string): CommentFact[] {
  const out: CommentFact[] = [];
  let line = 0;
  let lineStart = 0;
  let quote = '';
  let code = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      lineStart = i + 1;
      quote = '';
      code = false;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) {
      let end = i;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      out.push({ text: text.slice(i + 1, end), span: { start: i, end }, line, trailing: code });
      i = end - 1;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (!/\s/.test(c) && c !== '\ufeff') code = true;
  }
  return out;
}
