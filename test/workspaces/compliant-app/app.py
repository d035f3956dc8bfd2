"""A Flask API configured from the environment."""
import logging
import os
import signal
import sys

from flask import Flask, jsonify

logging.basicConfig(stream=sys.stdout, level=logging.INFO)
log = logging.getLogger(__name__)

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


@app.route("/health")
def health():
    return jsonify(status="ok")


def shutdown(signum, frame):
    log.info("shutting down")
    sys.exit(0)


signal.signal(signal.SIGTERM, shutdown)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
