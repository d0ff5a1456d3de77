"""Helpers for notebooks and tests: answers as pandas DataFrames, the service on loopback in a thread. Imports server and below."""
