import express from 'express';

const app = express();
const port = Number(process.env.PORT ?? 3000);
const apiUrl = process.env.API_URL;

app.get('/', (_req, res) => res.json({ api: apiUrl }));

const server = app.listen(port, () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
