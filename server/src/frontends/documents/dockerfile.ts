/**
 * A Dockerfile as document facts, parsed by dockerfile-ast (the parser of
 * VS Code's Docker language server): `ENV` and `ARG` defaults as values,
 * `CMD`/`ENTRYPOINT`/`RUN` as commands (exec form as listed, shell form split
 * into words), comments for suppressions.
 */
import { DockerfileParser, JSONInstruction, PropertyInstruction } from 'dockerfile-ast';
import { emptyDocumentFacts, hasVariableReference, wordsSpan, type DocumentFacts } from '../../ir/documentFacts';
import { LineIndex } from '../../ir/lines';
import type { Span } from '../../ir/types';
import { shellCommands } from './shellWords';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const COMMANDS = new Set(['CMD', 'ENTRYPOINT', 'RUN']);

export function readDockerfile(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('dockerfile', path, text);
  const lines = new LineIndex(text);
  const span = (range: LspRange): Span => ({ start: lines.offset(range.start), end: lines.offset(range.end) });
  const dockerfile = DockerfileParser.parse(text);
  for (const comment of dockerfile.getComments()) {
    const s = span(comment.getRange());
    facts.comments.push({
      text: text.slice(s.start + 1, s.end),
      span: s,
      line: comment.getRange().start.line,
      trailing: false,
    });
  }
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'ENV' || keyword === 'ARG') {
      if (!(instruction instanceof PropertyInstruction)) continue;
      const properties = instruction.getProperties();
      for (const property of properties) {
        const value = property.getValue();
        const range = property.getValueRange();
        if (value === null || range === null) continue;
        const s = span(range);
        facts.values.push({
          path: [keyword, property.getName()],
          name: property.getName(),
          value,
          span: s,
          role: keyword === 'ENV' ? 'env' : 'arg',
          reference: hasVariableReference(text.slice(s.start, s.end)),
          soleStatement: properties.length === 1 ? span(instruction.getRange()) : undefined,
        });
      }
    } else if (COMMANDS.has(keyword)) {
      const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
      if (json.length > 0) {
        const words = json.map((j) => ({ value: j.getJSONValue(), span: span(j.getRange()) }));
        facts.commands.push({ source: keyword, words, span: wordsSpan(words) });
        continue;
      }
      const args = instruction.getArgumentsRange();
      if (!args) continue;
      const s = span(args);
      for (const words of shellCommands(text, s.start, s.end)) {
        facts.commands.push({ source: keyword, words, span: wordsSpan(words) });
      }
    }
  }
  return facts;
}
