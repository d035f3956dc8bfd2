/** A Procfile as document facts: each `name: command` line is a process and the command it runs. */
import { emptyDocumentFacts, type DocumentFacts } from '../documentFacts';
import { hashComments } from './comments';
import { shellCommands } from './shellWords';

const PROCESS_LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*/;

export function readProcfile(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('procfile', path, text);
  facts.comments = hashComments(text);
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const m = PROCESS_LINE.exec(text.slice(lineStart, lineEnd));
    if (m) {
      const commandStart = lineStart + m[0].length;
      for (const words of shellCommands(text, commandStart, lineEnd)) {
        facts.commands.push({ source: 'process', owner: m[1], words, span: spanOf(words) });
      }
    }
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return facts;
}

export function spanOf(words: readonly { span: { start: number; end: number } }[]) {
  return { start: words[0].span.start, end: words[words.length - 1].span.end };
}
