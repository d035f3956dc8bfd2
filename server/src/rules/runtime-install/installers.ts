/** Recognises package installation commands in an argv. */
import { OWN_RUNTIMES, programName, type Argv } from '../system-dependency/commands';

/** Package managers and the sub-commands that install. */
const INSTALLERS: Record<string, RegExp> = {
  pip: /^install$/,
  pip3: /^install$/,
  pipenv: /^install$/,
  poetry: /^add$/,
  uv: /^(?:add|pip)$/,
  npm: /^(?:install|i|add|ci|isntall)$/,
  yarn: /^(?:add|install)$/,
  pnpm: /^(?:add|install|i)$/,
  bun: /^(?:add|install|i)$/,
  'apt-get': /^install$/,
  apt: /^install$/,
  apk: /^add$/,
  yum: /^install$/,
  dnf: /^install$/,
  gem: /^install$/,
};

/** `"pip install"`, `"npm install"`... when the argv installs packages, else undefined. */
export function installerOf(argv: Argv, ownRuntime: boolean): string | undefined {
  let words = argv.map((w) => (w === undefined ? undefined : w));
  const program = programName(words[0]);
  // python -m pip install ..., sys.executable -m pip install ...
  if ((ownRuntime || (program && OWN_RUNTIMES.test(program))) && words[1] === '-m') {
    words = words.slice(2);
  } else if (ownRuntime) {
    return undefined;
  } else {
    words = [program, ...words.slice(1)];
  }
  const manager = programName(words[0]);
  if (!manager || !(manager in INSTALLERS)) return undefined;
  // Skip global flags before the sub-command (`npm --prefix x install`).
  const sub = words.slice(1).find((w) => w === undefined || !w.startsWith('-'));
  if (sub === undefined || !INSTALLERS[manager].test(sub)) return undefined;
  if (manager === 'uv' && sub === 'pip' && !words.includes('install')) return undefined;
  return `${manager} ${sub}`;
}
