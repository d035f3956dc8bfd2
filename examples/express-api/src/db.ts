import { Pool } from 'pg';

const env = process.env.NODE_ENV;

export const pool = new Pool({
  host: env === 'production' ? 'db.prod.internal' : 'localhost',
  database: 'orders',
});

export const cacheUrl = 'redis://cache.internal:6379';
