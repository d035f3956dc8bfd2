import { defineRule } from '../rule';
import { documentFileLogging } from './documents';
import { javascriptFileLogging } from './javascript';
import { pythonFileLogging } from './python';
import { MESSAGES } from './report';

export const rule = defineRule({
  meta: {
    fixes: ['log-to-stdout'],
    id: 'file-logging',
    factor: 'XI',
    title: 'Logs routed to files instead of stdout',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['ini-config'],
    roles: { app: 'all', tooling: 'all', migration: 'all' },
    keywords: [
      'FileHandler',
      'filename',
      'File',
      'destination',
      '.log',
      'accesslog',
      'errorlog',
      'appenders',
      'loguru',
      'sys.std',
      'open(',
      'streams',
      'rotat',
      'stream',
      'pino',
    ],
    messages: MESSAGES,
  },
  detect(facts) {
    return facts.language === 'python' ? pythonFileLogging(facts) : javascriptFileLogging(facts);
  },
  detectDocument: (facts) => documentFileLogging(facts),
});
