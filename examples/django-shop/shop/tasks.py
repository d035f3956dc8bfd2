"""Background jobs run by Celery workers."""
import subprocess
import sys

from celery import shared_task


@shared_task
def make_thumbnail(path):
    subprocess.run(["convert", path, "-resize", "200x200", path + ".thumb.png"], check=True)


@shared_task
def enable_pdf_export():
    subprocess.check_call([sys.executable, "-m", "pip", "install", "weasyprint"])


@shared_task
def reindex(batch):
    # Running our own interpreter is part of the app, not a system dependency.
    subprocess.run([sys.executable, "-m", "shop.reindex", str(batch)], check=True)
