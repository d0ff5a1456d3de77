"""Benchmarks against peers: a national-scale synthetic graph and the suite that `make bench` runs."""
