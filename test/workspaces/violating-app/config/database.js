const settings = {
  development: 'sqlite:///tmp/dev.db',
  production: 'postgres://db.internal:5432/app',
};

export const databaseUrl = process.env.NODE_ENV === 'production' ? settings.production : settings.development;
export const cacheUrl =
  process.env.NODE_ENV === 'production' ? 'redis://cache.internal:6379' : 'redis://localhost:6379';
