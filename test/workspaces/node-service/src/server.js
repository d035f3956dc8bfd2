const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const config = require('./config');

const redis = createClient({ url: config.redisUrl });
const app = express();
app.use(session({ store: new RedisStore({ client: redis }), secret: config.sessionSecret, resave: false, saveUninitialized: false }));
app.get('/health', (req, res) => res.send('ok'));

const server = app.listen(config.port, () => console.log(`listening on ${config.port}`));
process.on('SIGTERM', () => server.close(() => redis.quit()));
