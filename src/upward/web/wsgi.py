"""WSGI entry point, used by gunicorn (``upward serve --prod``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upward.web.settings")
application = get_wsgi_application()
