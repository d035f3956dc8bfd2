"""Configuration chosen by environment name."""
import os


def settings_for(env):
    if env == "production":
        return {"REDIS_URL": "redis://prod-cache.internal:6379/0", "TIMEOUT": 30}
    return {"REDIS_URL": "redis://localhost:6379/0", "TIMEOUT": 5}


REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
