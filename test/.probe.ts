import { initParsers, analyzeText, languageOf } from '../server/src/analysis/engine';
import { readFileSync } from 'node:fs';
(async () => {
  await initParsers();
  for (const f of process.argv.slice(2)) {
    const text = readFileSync(f, 'utf8');
    const r = analyzeText(text, f, languageOf(f)!);
    for (const x of r.findings) console.log(f, x.rule, x.range.start.line, JSON.stringify(x.data), text.slice(x.span.start, x.span.end).slice(0,60));
  }
})();
