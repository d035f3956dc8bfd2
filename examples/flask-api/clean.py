"""Configuration done the twelve-factor way: nothing to report here."""
import logging
import os
import sys

DATABASE_URL = os.environ["DATABASE_URL"]
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
PORT = int(os.environ.get("PORT", "5000"))
PASSWORD_FIELD = "password"
TOKEN_TYPE = "Bearer"

logging.basicConfig(stream=sys.stdout, level=logging.INFO)
log = logging.getLogger(__name__)


def handle(job):
    seen = set()
    seen.add(job["id"])
    log.info("handled job %s in process %s", job["id"], os.getpid())
    return len(seen)
