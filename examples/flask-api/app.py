"""A small Flask API."""
import logging
import os

from flask import Flask, jsonify, request

from config import settings_for

app = Flask(__name__)
app.config.update(settings_for(os.environ.get("APP_ENV", "development")))
app.config["SECRET_KEY"] = "f3a9c2e7b1d84f6a9e0c5b2d7a1f8e3c"
app.config["SESSION_TYPE"] = "filesystem"

handler = logging.FileHandler("api.log")
app.logger.addHandler(handler)

request_count = 0


@app.route("/items", methods=["POST"])
def create_item():
    global request_count
    request_count += 1
    item = request.get_json()
    return jsonify(item), 201


@app.route("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
