"""One-off admin task: load the demo data."""
import os


def main():
    print("seeding", os.environ["API_KEY"][:0])


if __name__ == "__main__":
    main()
