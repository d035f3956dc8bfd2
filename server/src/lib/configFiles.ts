/**
 * Application config files read as documents, chosen by name and folder:
 * conservative on purpose, as most JSON/YAML in a repository is data
 * (locales, fixtures, schemas, lock files) or another tool's settings
 * (`.vscode/settings.json`, CI workflows, OpenAPI specs) whose values are no
 * app's config.
 *
 * - JSON/YAML: `config.*`, `settings*.*`, `secrets*.*`, `appsettings*.json`,
 *   `credentials*.json`, and any file of a `config/` folder (node-config's
 *   `config/default.json`, `config/production.yml`) but the mapping of
 *   node-config's `custom-environment-variables.*` (its values name variables);
 * - INI: `alembic.ini`, `uwsgi.ini` / `*.uwsgi.ini` / `uwsgi-*.ini`,
 *   `supervisord.conf` / `supervisor*.conf`, `supervisor/*.conf`, `config.ini`,
 *   `settings.ini` (python-decouple).
 *
 * Example files (`config.example.json`, `example_options.ini`), and files in
 * other tools' folders (`.vscode/`, `.github/`, `.circleci/config.yml`) or in
 * locale folders, are not config (the names are matched on whole folder names,
 * so an absolute path's own folders do not matter). Every other
 * `*.yaml`/`*.yml` is a `yaml` candidate read only for Kubernetes manifests,
 * recognised by content (frontends/documents/yamlConfig.ts).
 */

export type ConfigFileKind = 'json' | 'yaml' | 'ini';

/** What an INI file configures: the settings each dialect's rules read. */
export type IniDialect = 'uwsgi' | 'supervisord' | 'alembic' | 'ini';

const EXAMPLE = /(?:^|[._-])(?:example|examples|sample|template|dist|tmpl)(?:[._-]|$)/i;
/** Folders of data (locales) and of other tools' settings (`.vscode`, CI): their JSON/YAML is no app's config. */
const SKIPPED_DIR =
  /^(?:node_modules|testdata|test-data|locales?|i18n|l10n|translations|\.(?:vscode|github|gitlab|circleci|idea|devcontainer|dependabot|husky|junie|vs|fleet|zed|cursor|buildkite|yarn|changeset|storybook|nx|angular|next|nuxt|docusaurus|cache|git|config))$/i;
const CONFIG_NAME = /^(?:config|settings[\w.-]*|secrets?[\w.-]*|appsettings[\w.-]*|credentials[\w.-]*)\.(json|ya?ml)$/i;
const NODE_CONFIG_ENV_MAP = /^custom-environment-variables\./;

function segments(path: string): { dirs: string[]; name: string } {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  return { dirs: parts.slice(0, -1), name: parts[parts.length - 1] ?? '' };
}

/** True for a path the config names would match but that is an example, a tool's, or data (never read). */
export function isSkippedConfigPath(path: string): boolean {
  const { dirs, name } = segments(path);
  return (
    EXAMPLE.test(name.replace(/\.[^.]+$/, '')) ||
    dirs.some((d) => SKIPPED_DIR.test(d)) ||
    NODE_CONFIG_ENV_MAP.test(name)
  );
}

/** The config kind of a path (`config/default.json` → json), or undefined. */
export function configFileKind(path: string): ConfigFileKind | undefined {
  const { dirs, name } = segments(path);
  const kind = iniDialect(path) ? 'ini' : jsonOrYaml(name, dirs[dirs.length - 1]);
  if (!kind || isSkippedConfigPath(path)) return undefined;
  return kind;
}

function jsonOrYaml(name: string, parent: string | undefined): ConfigFileKind | undefined {
  const ext = /\.(json|ya?ml)$/i.exec(name)?.[1].toLowerCase();
  if (!ext) return undefined;
  if (!CONFIG_NAME.test(name) && parent?.toLowerCase() !== 'config') return undefined;
  return ext === 'json' ? 'json' : 'yaml';
}

/** The dialect of a config INI file by its name, or undefined for any other `.ini`/`.conf`. */
export function iniDialect(path: string): IniDialect | undefined {
  const { dirs, name } = segments(path);
  const lower = name.toLowerCase();
  if (lower === 'alembic.ini') return 'alembic';
  if (/^(?:uwsgi(?:[._-][\w.-]*)?|[\w.-]+[._-]uwsgi)\.ini$/.test(lower)) return 'uwsgi';
  if (/^supervisor(?:d)?(?:[._-][\w.-]*)?\.conf$/.test(lower)) return 'supervisord';
  if (lower.endsWith('.conf') && /^supervisor(?:d|\.d)?$/.test(dirs[dirs.length - 1]?.toLowerCase() ?? '')) {
    return 'supervisord';
  }
  if (lower === 'config.ini' || lower === 'settings.ini') return 'ini';
  return undefined;
}
