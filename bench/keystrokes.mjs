// Where the keystroke benches type, and how their latencies are summed up:
// shared by bench/lsp-probe.mjs (over LSP) and bench/py-incremental.ts (in
// process), so both type the same characters at the same places.

/** Right after the name an assignment binds: typing there keeps the file parseable. */
const ASSIGNMENT = {
  python: /^(\s+)([A-Za-z_]\w*) = /,
  typescript: /^(\s*)(?:const|let|var) ([A-Za-z_$][\w$]*) = /,
};

/** `count` typing spots spread evenly over the candidates of `text`, as { line, character }. */
export function typingSpots(text, language, count) {
  const re = ASSIGNMENT[language === 'python' ? 'python' : 'typescript'];
  const candidates = [];
  text.split('\n').forEach((line, i) => {
    const m = re.exec(line);
    if (m) candidates.push({ line: i, character: m[0].indexOf(' = ') });
  });
  if (candidates.length === 0) throw new Error('no assignment to type into');
  const spots = [];
  for (let k = 0; k < count; k++) spots.push(candidates[Math.floor(((k + 0.5) * candidates.length) / count)]);
  return spots;
}

/** The same spots as offsets into `text`. */
export function typingOffsets(text, language, count) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return typingSpots(text, language, count).map((s) => starts[s.line] + s.character);
}

/** n, p50, p95 and max of `values` (nearest rank, as the rows have always been computed). */
export function quantiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

/**
 * The steps of an in-process keystroke bench (`samples`: milliseconds per step key, `labels`: each
 * step's row label): a table on stderr under `header`, and the steps with their quantiles.
 */
export function keystrokeSteps(samples, labels, header) {
  const result = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, quantiles(v)]));
  const fmt = (ms) => `${ms.toFixed(2)} ms`;
  const table = [
    header,
    '',
    '| step | p50 | p95 | max |',
    '| --- | --- | --- | --- |',
    ...Object.keys(labels).map(
      (k) => `| ${labels[k]} | ${fmt(result[k].p50)} | ${fmt(result[k].p95)} | ${fmt(result[k].max)} |`,
    ),
  ];
  process.stderr.write(`${table.join('\n')}\n`);
  return Object.keys(labels).map((k) => ({ key: k, label: labels[k], ...result[k] }));
}
