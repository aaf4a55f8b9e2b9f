"""tonecheck's HTTP service: a thin FastAPI layer over `tonecheck.Checker`, and the paste-a-draft page."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tonecheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+source"
