"""The yardstick of `manage.py benchmark_pages`: a bare Django "hello world" view, served by
gunicorn exactly as the application is, so the benchmark can say how many times slower than
Django itself each page is. Settings, URLs and the WSGI application in one module:

    DJANGO_SETTINGS_MODULE=config.benchmark_hello gunicorn config.benchmark_hello
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.benchmark_hello")

DEBUG = False
SECRET_KEY = "benchmark-hello-world-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
USE_TZ = True


def hello(request):
    return HttpResponse("Hello, world.", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
