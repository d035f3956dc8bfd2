// The pure parts of the `activation` bench part: reading VS Code's figures
// out of "Developer: Startup Performance" and the marks, and the report rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationRow, extensionMarks } from '../bench/activation-perf.cjs';
import { activationReport } from '../bench/activation.mjs';

const ID = 'twelve-factor.twelve-factor';

// As perfviewEditor.ts's MarkdownBuilder writes it (cells padded to the widest).
const PERF_DOC = `## System Info

* Code: 1.100.3 (0000000)

## Extension Activation Stats

| Extension                     | Eager | Load Code | Call Activate | Finish Activate | Event             | By                            |
| ----------------------------- | ----- | --------- | ------------- | --------------- | ----------------- | ----------------------------- |
| vscode.git                    | true  | 120       | 30            | 400             | *                 | vscode.git                    |
| twelve-factor.twelve-factor-x | false | 1         | 2             | 3               | onLanguage:python | twelve-factor.twelve-factor-x |
| twelve-factor.twelve-factor   | false | 210       | 48            | 1190            | onLanguage:python | twelve-factor.twelve-factor   |

## Terminal Stats
`;

test('activationRow reads the extension row of Extension Activation Stats', () => {
  assert.deepEqual(activationRow(PERF_DOC, ID), {
    eager: false,
    codeLoadingTime: 210,
    activateCallTime: 48,
    activateResolvedTime: 1190,
    event: 'onLanguage:python',
    by: ID,
  });
});

test('activationRow is undefined until the row is there, and for unmeasured times', () => {
  assert.equal(activationRow('Loading...', ID), undefined);
  assert.equal(activationRow(PERF_DOC, 'other.extension'), undefined);
  assert.equal(activationRow(PERF_DOC.replace('| 210 ', '| -1  '), ID), undefined);
  // A row of the same id in a later section is not an activation row.
  const later = `## Extension Activation Stats\n\n| Extension | Eager |\n\n## Raw Perf Marks\n| ${ID} | false | 1 | 2 | 3 | x | y |\n`;
  assert.equal(activationRow(later, ID), undefined);
});

test('extensionMarks needs all four marks of this extension', () => {
  const kinds = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'];
  const marks = [
    { name: 'code/extHost/ready', startTime: 1 },
    ...kinds.map((k, i) => ({ name: `code/extHost/${k}/${ID}`, startTime: 100 + i })),
    { name: `code/extHost/willLoadExtensionCode/vscode.git`, startTime: 5 },
  ];
  assert.deepEqual(extensionMarks(marks, ID), {
    willLoadExtensionCode: 100,
    didLoadExtensionCode: 101,
    willActivateExtension: 102,
    didActivateExtension: 103,
  });
  assert.equal(extensionMarks(marks.slice(0, 3), ID), undefined);
});

const range = (s: { median: number; min: number; max: number }) => `${s.median} (${s.min}–${s.max})`;

test('activationReport says why when the part was skipped', () => {
  const lines = activationReport({ skipped: 'scripts/e2e-setup.sh failed (no root)' }, { range });
  assert.ok(lines.includes('Not measured: scripts/e2e-setup.sh failed (no root).'), lines.join('\n'));
});

test('activationReport marks partial and missing figures instead of inventing them', () => {
  const lines = activationReport(
    {
      runs: 3,
      ok: 3,
      failures: [],
      vscode: '1.100.3',
      file: 'examples/django-shop/shop/settings.py',
      events: ['onLanguage:python'],
      notes: ['no squiggle seen: timed out'],
      figures: {
        codeLoadingTime: { median: 210, min: 200, max: 230, n: 3 },
        openToSquiggleMs: { median: 4600, min: 4300, max: 4900, n: 2 },
      },
    },
    { range },
  ).join('\n');
  assert.match(lines, /`codeLoadingTime`[^\n]*\| 210 \(200–230\) \|/);
  assert.match(lines, /first squiggle[^\n]*\| 4600 \(4300–4900\) \(n=2\) \|/);
  assert.match(lines, /`activateResolvedTime`[^\n]*\| not obtained \(see notes\) \|/);
  assert.match(lines, /- note: no squiggle seen: timed out/);
  assert.match(lines, /event: onLanguage:python/);
});
