"""Settings for the shop project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-q8#w2v!x7m@k4p9z$e1r6t3y0u5i8o2a"

DEBUG = os.environ.get("DEBUG", "0") == "1"

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shop",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": "db.internal.example.com",
        "PORT": "5432",
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shop-cache",
    }
}

SESSION_ENGINE = "django.contrib.sessions.backends.file"

CELERY_BROKER_URL = "amqp://rabbitmq.internal:5672//"

EMAIL_HOST_PASSWORD = "Wm9vS2VlcGVyMjAyNCFzZWNyZXQ"

STRIPE_SECRET_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jx"

LOGGING = {
    "version": 1,
    "handlers": {
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": "/var/log/shop/django.log",
        },
        "console": {"class": "logging.StreamHandler"},
    },
    "root": {"handlers": ["file", "console"], "level": "INFO"},
}

if os.environ.get("DJANGO_ENV") == "production":
    PAYMENT_API_URL = "https://payments.example.com/api"
else:
    PAYMENT_API_URL = "https://sandbox.payments.example.com/api"

STATIC_URL = "static/"
