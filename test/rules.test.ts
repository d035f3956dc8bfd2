/**
 * The data-driven rule test: every fixture of every rule (source files and
 * config documents: Dockerfile, compose, .env, Procfile, shell) is analysed with its
 * path (so roles apply: `fixtures/tests/…` is a test file) and the findings
 * are compared with its markers both ways (every `expect:` marker found, at
 * its span when it gives one; nothing unmarked found; nothing on an `ok:` line). A role fixture (one in a subfolder such as
 * `fixtures/tests/`) of a rule its role silences must also show what the
 * role silences: analysed as app code it has more findings.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeText, initParsers, inputKindOf } from '../server/src/engine/engine';
import type { ProjectFacts } from '../server/src/ir/types';
import { RULES, ruleById } from '../server/src/rules';
import { gatherProjectFacts } from '../server/src/workspace/projectFacts';
import { projectFileKind } from '../server/src/lib/projectFiles';
import { ruleFixtures } from './fixtures';
import { compareMarkers, parseMarkers } from './support/markers';

describe('rule fixtures', () => {
  // A fixture folder with manifests beside its sources is a project: they declare what it may call.
  const projects = new Map<string, ProjectFacts>();
  // Every message a fixture's findings carry, as `rule/message-id`.
  const shown = new Set<string>();
  before(async () => {
    await initParsers();
    for (const dir of new Set(ruleFixtures().map((f) => dirname(f.file)))) {
      if (readdirSync(dir).some((name) => projectFileKind(name))) projects.set(dir, await gatherProjectFacts(dir));
    }
  });

  for (const fixture of ruleFixtures()) {
    const language = inputKindOf(fixture.file);
    if (!language) continue;
    // Fixtures are committed: a `.env` fixture is a tracked `.env` (the untracked case is in test/documents.test.ts).
    const tracked = language === 'dotenv' ? true : undefined;
    test(`${fixture.ruleDir}/${fixture.relPath}`, () => {
      const markers = parseMarkers(fixture.text);
      for (const m of markers) {
        const named = ruleById(m.rule);
        assert.ok(named, `line ${m.line}: ${m.rule} is not a rule id`);
        if (m.messageId) {
          assert.ok(
            Object.hasOwn(named.meta.messages, m.messageId),
            `line ${m.line}: ${m.rule} has no message "${m.messageId}"`,
          );
        }
      }
      // Compare the owning rule and any rule a marker names in this file.
      const inScope = new Set([fixture.ruleDir, ...markers.map((m) => m.rule)]);
      const path = `fixtures/${fixture.relPath}`;
      const project = projects.get(dirname(fixture.file));
      const result = analyzeText(fixture.text, path, language, { project, tracked });
      assert.equal(result.errors, undefined, `rule errors: ${result.errors?.join(', ')}`);
      for (const f of result.findings) shown.add(`${f.rule}/${f.messageId}`);
      const { missing, unexpected, errors } = compareMarkers(markers, result.findings, inScope);
      const lines = fixture.text.split(/\r\n|\r|\n/);
      const show = (keys: string[]) =>
        keys.map((k) => `  ${k}    ${lines[Number(/^line (\d+)/.exec(k)?.[1]) - 1]?.trim()}`).join('\n');
      assert.deepEqual(
        { errors, missing, unexpected },
        { errors: [], missing: [], unexpected: [] },
        [
          errors.length ? `marker errors:\n${errors.map((e) => `  ${e}`).join('\n')}` : '',
          missing.length ? `not found:\n${show(missing)}` : '',
          unexpected.length ? `false alarms:\n${show(unexpected)}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      const keys = (findings: typeof result.findings) =>
        new Set(findings.filter((f) => inScope.has(f.rule)).map((f) => `${f.range.start.line + 1}:${f.rule}`));
      const actual = keys(result.findings);
      const role = result.role ?? 'app';
      if (role !== 'app' && fixture.relPath.includes('/') && ruleById(fixture.ruleDir)?.meta.roles[role] !== 'all') {
        const asApp = keys(analyzeText(fixture.text, path, language, { role: 'app', project, tracked }).findings);
        const silenced = [...asApp].filter((k) => !actual.has(k));
        assert.ok(silenced.length > 0, `a ${role} fixture must hold something its role silences (${path})`);
      }
    });
  }

  test('every message of every rule is shown by some fixture', () => {
    const unshown = RULES.flatMap((rule) =>
      Object.keys(rule.meta.messages)
        .map((id) => `${rule.meta.id}/${id}`)
        .filter((key) => !shown.has(key)),
    );
    assert.deepEqual(unshown, [], 'messages no fixture produces: add a fixture line, or drop the message');
  });
});
