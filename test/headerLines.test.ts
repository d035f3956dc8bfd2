/** The header lines fixes insert after: shebang, PEP 263 coding line, Dockerfile parser directives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterHeaderLines } from '../server/src/lib/headerLines';

test('a shebang and a coding line are the header of a Python file, whatever the line breaks', () => {
  assert.equal(afterHeaderLines('import os\n', 'python'), 0);
  assert.equal(afterHeaderLines('#!/usr/bin/env python\nimport os\n', 'python'), 22);
  assert.equal(afterHeaderLines('#!/usr/bin/env python\r\n# -*- coding: utf-8 -*-\r\nx = 1\r\n', 'python'), 48);
  assert.equal(afterHeaderLines('# vim: set fileencoding=latin-1 :\nx = 1\n', 'python'), 34);
  // A shebang only counts on line 1, a coding line only on lines 1 and 2.
  assert.equal(afterHeaderLines('x = 1\n#!/bin/sh\n', 'python'), 0);
  assert.equal(afterHeaderLines('#!/bin/sh\n# a comment\n# coding: utf-8\n', 'python'), 10);
  assert.equal(afterHeaderLines('\ufeff#!/bin/sh\nx\n', 'python'), 11);
  assert.equal(afterHeaderLines('\ufeffx\n', 'python'), 1);
});

test('a file that is all header without a final line break has no line after it', () => {
  assert.equal(afterHeaderLines('#!/usr/bin/env node', 'other'), undefined);
  assert.equal(afterHeaderLines('#!/bin/sh\n# coding: utf-8', 'python'), undefined);
  assert.equal(afterHeaderLines('', 'python'), 0);
});

test("a Dockerfile's parser directives are its header; other files know no coding line", () => {
  assert.equal(afterHeaderLines('# syntax=docker/dockerfile:1\n# escape=`\nFROM node\n', 'dockerfile'), 40);
  assert.equal(afterHeaderLines('# a comment\n# syntax=docker/dockerfile:1\n', 'dockerfile'), 0);
  assert.equal(afterHeaderLines('// coding: utf-8\n', 'other'), 0);
});
