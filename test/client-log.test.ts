/** The extension's log channel: the language client's plain lines become leveled log calls. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { languageClientChannel, parseClientLine } from '../client/src/log';

test('client lines: levels from the prefix; a clean exit (a restart) is no error, a crash is', () => {
  assert.deepEqual(parseClientLine('[Error - 10:02:03 AM] Request failed.'), {
    level: 'error',
    text: 'Request failed.',
  });
  assert.deepEqual(parseClientLine('[Warn  - 10:02:03] careful'), { level: 'warn', text: 'careful' });
  assert.deepEqual(parseClientLine('[Info  - 10:02:03] started'), { level: 'info', text: 'started' });
  assert.equal(parseClientLine('[Error - 10:02:03] Server process exited with code 0.')?.level, 'info');
  assert.equal(parseClientLine('[Error - 10:02:03] Server process exited with code 1.')?.level, 'error');
  assert.equal(parseClientLine('no prefix'), undefined);
});

test('client channel: continuation lines keep the level, appended pieces wait for the line end', () => {
  const calls: [string, string][] = [];
  const record = (level: string) => (message: string) => void calls.push([level, message]);
  const fake = {
    name: 'Twelve-Factor',
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    trace: record('trace'),
  } as unknown as vscode.LogOutputChannel;
  const channel = languageClientChannel(fake);
  channel.appendLine('[Error - 1:00] Request twelveFactor/compliance failed.');
  channel.appendLine('  Message: boom');
  channel.append('[Trace - 1:00] ');
  channel.appendLine('Sending request');
  channel.appendLine('Compliance view loaded');
  assert.deepEqual(calls, [
    ['error', 'Request twelveFactor/compliance failed.'],
    ['error', '  Message: boom'],
    ['trace', 'Sending request'],
    ['info', 'Compliance view loaded'],
  ]);
});
