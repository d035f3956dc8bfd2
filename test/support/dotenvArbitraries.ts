/** fast-check arbitraries for `.env` values and files, biased to what breaks dotenv readers. */
import fc from 'fast-check';
import { quoteDotenvValue } from '../../server/src/fixes/dotenv';

const NASTY = [
  "'",
  '"',
  '`',
  '#',
  '$',
  '${',
  '{',
  '}',
  '\\',
  '\\n',
  '\\r',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  '=',
  ':',
  'export ',
  'a',
  'Z',
  '0',
  '-',
  'é',
  'e\u0301',
  '\u{1F600}',
  '\u{10FFFF}',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u001c',
  '\ufeff',
  '\u000b',
];

/** Values made mostly of quote, comment, escape and whitespace characters. */
export const nastyValue = fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 14 });

/** Any code points, astral ones and controls included. */
export const unicodeValue = fc.string({ unit: 'binary', maxLength: 40 });

/** Printable graphemes, combining sequences and emoji included. */
export const graphemeValue = fc.string({ unit: 'grapheme', maxLength: 20 });

export const anyValue = fc.oneof(nastyValue, unicodeValue, graphemeValue);

const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);
const spaces = fc.constantFrom('', ' ', '\t', '  ');

/** A right-hand side: usually a correctly quoted value, sometimes raw nasty text. */
const rhs = fc.oneof(
  { weight: 3, arbitrary: anyValue.map((v) => quoteDotenvValue(v) ?? 'x') },
  { weight: 1, arbitrary: nastyValue },
  { weight: 1, arbitrary: fc.constantFrom("'a'", '"b"', '`c`', "'d", '"e\\"', 'f #g', 'h#i', '"j\\\\n"', "'k\\\\'") },
);

const entryLine = fc
  .tuple(
    fc.boolean(),
    spaces,
    name,
    spaces,
    spaces,
    rhs,
    spaces,
    fc.option(fc.constantFrom('# note', "#it's", '# "q"', '#\u2028x')),
  )
  .map(
    ([exp, s1, n, s2, s3, v, s4, comment]) =>
      `${s1}${exp ? 'export ' : ''}${n}${s2}=${s3}${v}${comment === null ? '' : s4 + comment}`,
  );

const otherLine = fc.constantFrom(
  '',
  '  ',
  '\t',
  '# comment',
  "  # it's",
  '#"',
  '# A=1',
  '#',
  'junk',
  'A',
  "'Q'=1",
  '`',
);

export const dotenvFile = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    mixed: fc.boolean(),
    lines: fc.array(fc.oneof({ weight: 3, arbitrary: entryLine }, { weight: 1, arbitrary: otherLine }), {
      maxLength: 6,
    }),
    finalEol: fc.boolean(),
  })
  .map(({ bom, eol, mixed, lines, finalEol }) => {
    const sep = (i: number): string => (mixed && i % 2 === 1 ? '\n' : eol);
    let text = lines.map((l, i) => (i === 0 ? l : sep(i) + l)).join('');
    if (finalEol && lines.length > 0) text += eol;
    return (bom ? '\ufeff' : '') + text;
  });
