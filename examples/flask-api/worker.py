"""A queue worker that still behaves like a 2005 daemon."""
import os
import time

PIDFILE = "/tmp/flask-api-worker.pid"


def main():
    with open(PIDFILE, "w") as f:
        f.write(str(os.getpid()))
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
