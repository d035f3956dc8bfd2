const { execSync } = require('child_process');
const fs = require('fs');

function currentRevision() {
  return execSync('git rev-parse HEAD').toString().trim();
}

function ensureImageTools() {
  execSync('npm install sharp', { stdio: 'inherit' });
}

function writePid() {
  fs.writeFileSync('/tmp/express-api.pid', String(process.pid));
}

module.exports = { currentRevision, ensureImageTools, writePid };
