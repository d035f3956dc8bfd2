/** The file-role classifier: each role by path and by content, in both languages, and the near misses that stay app. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFile, type RoleInput } from '../server/src/semantics/roles';
import type { FileRole } from '../server/src/ir/types';

const roleOf = (path: string, text = '', input?: RoleInput): FileRole => classifyFile(path, text, input).role;

function expectRoles(role: FileRole, cases: [path: string, text?: string][]): void {
  for (const [path, text] of cases) {
    test(`${path}${text ? ` (${text.split('\n')[0].slice(0, 40)}…)` : ''} is ${role}`, () => {
      assert.equal(roleOf(path, text), role);
    });
  }
}

describe('test files', () => {
  expectRoles('test', [
    ['app/tests/test_views.py'],
    ['app/test_models.py'],
    ['app/models_test.py'],
    ['polls/tests.py'],
    ['conftest.py'],
    ['src/testing/factories.py'],
    ['tests/fixtures/users.py'],
    ['src/__tests__/App.tsx'],
    ['src/api.test.ts'],
    ['src/api.spec.js'],
    ['e2e/login.ts'],
    ['cypress/support/commands.js'],
    ['frontend/playwright/auth.setup.ts'],
    ['src/setupTests.js'],
    // By content, wherever the file lives.
    ['polls/checks.py', 'from django.test import TestCase\n\nclass PollTests(TestCase):\n    pass\n'],
    ['lib/check.py', 'import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self): ...\n'],
    ['lib/probe.py', 'import pytest\n\ndef test_probe():\n    assert True\n'],
    ['src/routes.check.js', "const request = require('supertest');\n"],
    ['src/math.ts', "import { expect, it } from 'vitest';\n"],
    ['src/math.js', "describe('math', () => {\n  it('adds', () => {});\n});\n"],
  ]);
});

describe('browser files', () => {
  expectRoles('browser', [
    ['static/js/app.js'],
    ['myapp/static/myapp/main.js'],
    ['public/javascripts/main.js'],
    ['src/assets/chart.ts'],
    ['app/components/Button.tsx', "'use client';\nimport { useState } from 'react';\n"],
    ['src/hooks/useCart.ts', "import { useEffect, useState } from 'react';\n\nexport function useCart() {}\n"],
    ['src/main.jsx', "import React from 'react';\nimport ReactDOM from 'react-dom/client';\n"],
    [
      'client/src/store.js',
      "import { createStore } from 'redux';\nimport { composeWithDevTools } from 'redux-devtools-extension';\n",
    ],
    ['src/router.ts', "import { createRouter } from 'vue-router';\n"],
  ]);
});

describe('vendored files', () => {
  expectRoles('vendored', [
    ['vendor/lodash.js'],
    ['static/js/lib/chart.js'],
    ['myapp/static/vendor/select2.js'],
    ['third_party/six.py'],
    ['src/legacy/jquery.js', '/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors */\n'],
    ['src/legacy/moment.js', '/**\n * @license\n * Moment.js 2.29\n */\n'],
    // A library's own tests are still the library's.
    ['vendor/pkg/test/test_pkg.py'],
  ]);
});

describe('tooling files', () => {
  expectRoles('tooling', [
    ['setup.py'],
    ['scripts/build_assets.py'],
    ['bin/create-app.js'],
    ['webpack.config.js'],
    ['frontend/vite.config.ts'],
    ['gulpfile.js'],
    ['docs/conf.py'],
    ['.hygen/property/add/index.js'],
  ]);
});

describe('migration files', () => {
  expectRoles('migration', [
    ['polls/migrations/0001_initial.py'],
    ['alembic/versions/3f2a_add_users.py'],
    ['migrations/versions/abc123_.py'],
    ['migrations/20240101_create_users.js'],
    ['src/migration/1700000000000-Init.ts'],
  ]);
});

describe('near misses stay app', () => {
  expectRoles('app', [
    ['contest.py'],
    ['latest/views.py'],
    ['src/testimonials.js'],
    ['public_api.py'],
    ['api/attestation.py'],
    ['static_pages/views.py'],
    // Python under static/ is not shipped to a browser.
    ['static/build.py'],
    // Imports pytest but defines no test: a plugin or helper module of the app.
    ['myapp/plugin.py', 'import pytest\n\ndef pytest_configure(config): ...\n'],
    // unittest.mock in app code is not a test.
    ['myapp/clock.py', 'from unittest import mock\n\nNOW = 1\n'],
    // An app function named test… or a method call .test( is not a top-level test call.
    ['src/validate.js', "export function test(value) {}\nconst ok = /x/.test('y');\n"],
    // Server code that imports React: an SSR entry, a Next route handler, a server component.
    ['src/server.tsx', "import React from 'react';\nimport express from 'express';\n"],
    ['src/render.tsx', "import { renderToString } from 'react-dom/server';\nimport React from 'react';\n"],
    ['app/api/users/route.ts', "import { NextResponse } from 'next/server';\n"],
    ['app/dashboard/page.tsx', "import React from 'react';\nexport default async function Page() {}\n"],
    ['pages/index.tsx', "import React from 'react';\nexport async function getServerSideProps() {}\n"],
    ['pages/api/hello.ts', "import React from 'react';\n"],
    ['src/db.ts', "import React from 'react';\nimport { Pool } from 'pg';\n"],
    ['server/store.js', "import { createStore } from 'redux';\n"],
    [
      'src/ssr.js',
      "import { createSSRApp } from 'vue';\nimport { renderToString } from 'vue/server-renderer';\nimport express from 'express';\n",
    ],
    // A doc comment that is not a licence banner.
    ['src/util.js', '/**\n * Helpers.\n */\nexport const x = 1; // @license elsewhere\n'],
    ['myapp/views.py', 'from django.shortcuts import render\n'],
    ['server.js', "const express = require('express');\n"],
  ]);
});

describe('settings', () => {
  test('roleFiles come first and can take a file back to app', () => {
    assert.equal(roleOf('frontend/src/api.js', '', { roleFiles: { browser: ['frontend/**'] } }), 'browser');
    assert.equal(roleOf('tests/smoke/app.py', '', { roleFiles: { app: ['tests/smoke/**'] } }), 'app');
    assert.equal(roleOf('scripts/serve.py', '', { roleFiles: { app: ['scripts/serve.py'] } }), 'app');
  });

  test('the caller’s testFiles verdict replaces the default test globs', () => {
    assert.equal(roleOf('spec/models.py', '', { isTestFile: true }), 'test');
    assert.equal(roleOf('tests/test_x.py', '', { isTestFile: false }), 'app');
    // Content still tells when the globs do not.
    assert.equal(roleOf('checks.py', 'class A(TestCase):\n    pass\n', { isTestFile: false }), 'test');
  });

  test('each verdict says why', () => {
    assert.equal(classifyFile('app/tests/test_x.py', '').reason, 'path matches "**/test_*.py"');
    assert.equal(classifyFile('x.py', 'class A(TestCase): pass\n').reason, 'subclasses TestCase');
    assert.match(classifyFile('x.js', "'use client'\n").reason, /use client/);
  });
});
