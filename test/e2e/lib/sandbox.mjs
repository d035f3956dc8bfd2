// A throwaway home for one editor run: every path an editor writes to
// (HOME, XDG dirs, TMPDIR, code-server's user data and extensions) lives
// under one temp folder, so runs never touch the real profile or each other.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Keeps the workbench quiet and deterministic: no welcome page, no network
// calls for updates, telemetry or the gallery, no trust prompt.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // Off so that the quick fix's own save (twelveFactor.saveFiles) is what
  // puts .gitignore and .env on disk, not VS Code's save after a refactoring.
  'files.refactoring.autoSave': false,
  // E2E_TRACE=1: every LSP message with its timing in the extension host's
  // output log (code-server/user-data/logs/…/1-Twelve-Factor.log; keep it with E2E_KEEP_SANDBOX=1).
  ...(process.env.E2E_TRACE ? { 'twelveFactor.trace.server': 'verbose' } : {}),
};

export function createSandbox(prefix = 'twelve-factor-e2e-') {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dir = (...parts) => {
    const p = path.join(root, ...parts);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const dirs = {
    root,
    home: dir('home'),
    config: dir('xdg/config'),
    data: dir('xdg/data'),
    cache: dir('xdg/cache'),
    state: dir('xdg/state'),
    tmp: dir('tmp'),
    userData: dir('code-server/user-data'),
    extensions: dir('code-server/extensions'),
    browserProfile: dir('chromium-profile'),
    workspaces: dir('workspaces'),
  };
  const codeServerConfig = path.join(root, 'code-server/config.yaml');
  writeFileSync(codeServerConfig, 'auth: none\ncert: false\n');
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    TMPDIR: dirs.tmp,
  };
  // A password from the caller's environment would switch auth back on.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;

  return {
    dirs,
    env,
    codeServerConfig,
    /** The code-server flags that keep all its state inside the sandbox. */
    codeServerDirArgs: [
      '--config',
      codeServerConfig,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
    ],
    dispose() {
      if (process.env.E2E_KEEP_SANDBOX) {
        console.log(`sandbox kept: ${root}`);
        return;
      }
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
