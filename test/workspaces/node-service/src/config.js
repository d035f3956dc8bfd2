// Every setting comes from the environment; required ones fail fast at start.
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

module.exports = {
  port: Number(process.env.PORT ?? 8080),
  redisUrl: required('REDIS_URL'),
  sessionSecret: required('SESSION_SECRET'),
  databaseUrl: required('DATABASE_URL'),
};
