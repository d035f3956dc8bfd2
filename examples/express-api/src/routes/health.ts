// Nothing to report here: configuration comes from the environment.
import { Router } from 'express';

export const healthRouter = Router();

const port = Number(process.env.PORT ?? 3000);
const redisUrl = process.env.REDIS_URL || 'redis://localhost:6379';

healthRouter.get('/', (_req, res) => {
  const checks = new Map<string, string>();
  checks.set('redis', redisUrl ? 'configured' : 'missing');
  res.json({ status: 'ok', port, checks: Object.fromEntries(checks) });
});
