"""Samverkan: who is responsible for what in Swedish digital government, as a knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("samverkan")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
