const config = require('../src/config');
console.log('migrating', new URL(config.databaseUrl).pathname);
