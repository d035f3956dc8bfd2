import { execSync } from 'node:child_process';
import fs from 'node:fs';
import express from 'express';
import session from 'express-session';
import winston from 'winston';
import { databaseUrl } from '../config/database.js';

const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'logs/app.log' })] });
const apiToken = 'f3a9c2e7b1d84f6a9e0c5b2d7a1f8e3c';

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

let requests = 0;

app.get('/items', (_req, res) => {
  requests++;
  res.json({ requests, db: databaseUrl !== undefined, token: apiToken.length });
});

app.post('/admin/migrate', (_req, res) => {
  execSync('npm install knex');
  res.json({ ok: true });
});

fs.writeFileSync('/tmp/violating-app.pid', String(process.pid));
app.listen(8080, () => logger.info('listening'));
