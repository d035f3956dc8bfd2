"""gunicorn settings."""
bind = "0.0.0.0:8000"
workers = 3
pidfile = "/var/run/shop/gunicorn.pid"
accesslog = "/var/log/shop/access.log"
errorlog = "-"
