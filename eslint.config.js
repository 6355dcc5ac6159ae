// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layer rules (docs/architecture.md), enforced here so a wrong import fails `npm test`:
 * shared imports nothing of ours (and neither Node nor the DOM's libraries); renderer and server import
 * only shared; electron imports shared and Node. Security policy modules do not import electron, so
 * they are unit-tested without its binary.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const layer = (name) => ({ group: [`**/${name}/**`, `**/${name}`], message: `This layer may not import from ${name}/ (docs/architecture.md).` });
const viaAlias = { group: ['**/shared/src/**'], message: 'Import shared code through the @shared/ alias.' };

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available in this layer.' }));
const noElectron = [{ name: 'electron', message: 'Only electron/ may import electron.' }];
const noUi = ['react', 'react-dom', 'dexie', 'zustand', 'i18next', 'react-i18next'].map((name) => ({
  name,
  message: 'UI and browser storage libraries belong to the renderer.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'renderer/dist-*/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2024 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [layer('renderer'), layer('electron'), layer('server'), { group: ['@shared/*'], message: 'Inside shared/, import relatively.' }],
        [...noNode, ...noElectron, ...noUi],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([layer('electron'), layer('server'), viaAlias], [...noNode, ...noElectron]),
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([layer('renderer'), layer('electron'), viaAlias], [...noElectron, ...noUi]) },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([layer('renderer'), layer('server'), viaAlias], noUi) },
  },
  {
    files: ['electron/security/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [layer('renderer'), layer('server'), viaAlias],
        [...noUi, { name: 'electron', message: 'Security policy modules stay free of electron so Node can unit-test them.' }],
      ),
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs,js}', 'test/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
