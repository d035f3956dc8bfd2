/** X. Dev/prod parity: the same kind of backing service in every environment. */
import type { Check } from '../../shared/compliance';
import { type CheckContext, filesOfKind, listSome, nonTestSources, sortedUnique } from '../context';
import { parseComposeServices } from '../procfile';
import type { DatabaseKind } from '../../ir/signals';
import { databaseKind } from '../../signals/signals';
import { readDotenvLenient } from '../../lib/dotenvParse';

const IMAGE_KINDS: [RegExp, DatabaseKind][] = [
  [/^(?:[\w.-]+\/)*(?:postgres|postgis|timescaledb)(?::|$)/, 'postgres'],
  [/^(?:[\w.-]+\/)*(?:mysql|mariadb)(?::|$)/, 'mysql'],
  [/^(?:[\w.-]+\/)*mongo(?::|$)/, 'mongodb'],
];
const DEV = /(?:^|[/_.-])(?:dev|devel|development|local)(?:[/_.-]|$)/i;
const PROD = /(?:^|[/_.-])(?:prod|production|staging|live)(?:[/_.-]|$)/i;

interface Use {
  kind: DatabaseKind;
  file: string;
}

export function parityChecks(ctx: CheckContext): Check[] {
  const uses: Use[] = [];
  for (const s of nonTestSources(ctx))
    for (const d of s.signals?.databases ?? []) uses.push({ kind: d.kind, file: s.path });
  for (const f of filesOfKind(ctx, 'compose')) {
    for (const svc of parseComposeServices(f.text ?? '')) {
      const kind = IMAGE_KINDS.find(([re]) => re.test(svc.image ?? ''))?.[1];
      if (kind) uses.push({ kind, file: f.path });
    }
  }
  for (const f of filesOfKind(ctx, 'env')) {
    for (const { value } of readDotenvLenient(f.text ?? '').entries) {
      const kind = databaseKind(value);
      if (kind) uses.push({ kind, file: f.path });
    }
  }
  const sql = uses.filter((u) => u.kind !== 'mongodb');
  const kinds = sortedUnique(sql.map((u) => u.kind));
  if (kinds.length === 0) {
    return [{ id: 'same-backing-services', status: 'unknown', message: 'no database configuration found', files: [] }];
  }
  const files = sortedUnique(sql.map((u) => u.file));
  if (kinds.length === 1 || !kinds.includes('sqlite')) {
    return [
      {
        id: 'same-backing-services',
        status: 'pass',
        message: `one database engine everywhere: ${listSome(kinds)}`,
        files,
      },
    ];
  }
  const describe = (kind: string) => {
    const where = sortedUnique(sql.filter((u) => u.kind === kind).map((u) => u.file));
    const env = where.every((w) => DEV.test(w)) ? ' in dev' : where.every((w) => PROD.test(w)) ? ' in prod' : '';
    return `${kind}${env} (${listSome(where, 2)})`;
  };
  const others = kinds.filter((k) => k !== 'sqlite');
  return [
    {
      id: 'same-backing-services',
      status: 'warn',
      message: `${describe('sqlite')} but ${others.map(describe).join(' and ')}: use the same database in development`,
      files,
    },
  ];
}
