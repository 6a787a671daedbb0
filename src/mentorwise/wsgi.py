"""WSGI entry point: `gunicorn mentorwise.wsgi` with src/ on the path."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorwise.settings")
application = get_wsgi_application()
