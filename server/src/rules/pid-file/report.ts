import type { Detection, Span } from '../../ir/types';

const FACTOR =
  'VIII. Concurrency: run in the foreground and let the process manager (systemd, Kubernetes, a Procfile runner) track the process';

export function found(span: Span, what: string, key: string): Detection {
  return { span, message: `${what} — ${FACTOR}.`, key };
}
