"""WSGI entry point: `gunicorn mentorwise.wsgi` with src/ on the path."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorwise.settings")
application = get_wsgi_application()

# Load the URLconf and every view now rather than on the first request, then hand everything
# loaded so far to the garbage collector's permanent generation: it lives as long as the process,
# and the collector's full passes no longer walk it (~170,000 objects: about 7 ms a request on a
# search page otherwise). Measured with benchmarks/web.py.
import_module(settings.ROOT_URLCONF)
gc.freeze()
