import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '**/fixtures/**',
      'examples/**',
      '.tmp/**',
      'bench/.corpora/**',
      'coverage/**',
      'bench/.tools/**',
      'bench/.corpora/**',
      'test/data/**',
      'test-results/**',
      'test/workspaces/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
);
