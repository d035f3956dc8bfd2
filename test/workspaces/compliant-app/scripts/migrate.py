"""One-off admin task: apply database migrations (run as `python scripts/migrate.py`)."""
import os
import sys


def main():
    url = os.environ["DATABASE_URL"]
    print(f"migrating {url.split('@')[-1]}", file=sys.stdout)


if __name__ == "__main__":
    main()
