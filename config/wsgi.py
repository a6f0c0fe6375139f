import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# What is made at start-up (settings, models, the libraries' modules) lives as long as the
# process. Moved out of the garbage collector's reach, it is not scanned again at each full
# collection: on the benchmark's machine that scan of ~180,000 objects cost 2-4 ms a page on
# average, and tens of milliseconds to the page it fell on (docs/benchmarks.md).
gc.freeze()
