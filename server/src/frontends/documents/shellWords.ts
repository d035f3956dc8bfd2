/**
 * Splits shell text into simple commands and their words, with the span of
 * each word as written, the way a POSIX shell splits them before expansion:
 * quotes group and are removed, a backslash escapes the next character (a
 * backslash-newline joins lines), an unquoted `#` after a blank starts a
 * comment, and newlines, `;`, `&`, `|`, `&&`, `||` end a command. Nothing is
 * expanded: `$PORT` stays `$PORT`, so a rule can see a variable is read.
 */
import type { CommandWord } from '../../ir/documentFacts';

export function shellCommands(text: string, start = 0, end = text.length): CommandWord[][] {
  const commands: CommandWord[][] = [];
  let words: CommandWord[] = [];
  let value = '';
  let wordStart = -1;
  const endWord = (at: number) => {
    if (wordStart >= 0) words.push({ value, span: { start: wordStart, end: at } });
    value = '';
    wordStart = -1;
  };
  const endCommand = (at: number) => {
    endWord(at);
    if (words.length) commands.push(words);
    words = [];
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n' || next === '\r') {
        // A continued line: the break is a blank.
        endWord(i);
        i += next === '\r' && text[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (wordStart < 0) wordStart = i;
      if (i + 1 < end) value += next;
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      if (wordStart < 0) wordStart = i;
      let j = i + 1;
      while (j < end && text[j] !== c) {
        if (c === '"' && text[j] === '\\' && j + 1 < end && /["\\$`]/.test(text[j + 1])) j++;
        value += text[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|') {
      endCommand(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '#' && wordStart < 0) {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    value += c;
    i++;
  }
  endCommand(Math.min(i, end));
  return commands;
}
