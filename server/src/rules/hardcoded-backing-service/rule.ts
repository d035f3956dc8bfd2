import type { FileFacts } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';
import { classify, importsBaseSettings, isCandidate, show } from './classify';
import { detectConfigLocators } from './documents';
import { MESSAGES } from './messages';

export const rule = defineRule({
  meta: {
    fixes: ['move-to-env'],
    id: 'hardcoded-backing-service',
    factor: 'IV',
    title: 'Hardcoded locator of a database, cache, queue, broker, mail server or object store',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['json-config', 'yaml-config', 'ini-config'],
    roles: { app: 'all', tooling: 'all', migration: 'all' },
    keywords: [
      '://',
      'host',
      'HOST',
      'Host',
      'LOCATION',
      'server',
      'SERVER',
      'Server',
      'endpoint',
      'endPoint',
      'ENDPOINT',
      'node',
      'brokers',
      'bootstrap',
      'Redis',
      'redis',
      'ioredis',
      'memcache',
      'Memcache',
      'Client',
      'SMTP',
      'Sentinel',
      'connect',
      'Cluster',
      'ConnectionParameters',
      '_URL',
      'Url',
      '_URI',
      'Uri',
      'DSN',
      'contact',
    ],
    messages: MESSAGES,
  },
  detect(facts: FileFacts): Detection[] {
    const settingsClasses = importsBaseSettings(facts);
    const out: Detection[] = [];
    for (const s of facts.strings) {
      if (!isCandidate(s, settingsClasses)) continue;
      const hit = classify(s);
      if (!hit) continue;
      const value = s.expr.value;
      out.push({
        span: s.expr.span,
        messageId: 'locator' satisfies keyof typeof MESSAGES,
        params: { shown: show(value), envName: hit.envName, service: hit.service },
        key: `${hit.service}:${value}`,
        data: { envName: hit.envName, fixes: ['move-to-env'] },
      });
    }
    return out;
  },
  detectDocument: detectConfigLocators,
});
