"""Benchmarks against peers: a national-scale synthetic graph and the suite that `make bench` runs,
and the validation timings (`python -m samverkan.bench.validation`). Imports the analysis layers and below."""
