"""Benchmarks run by `make bench`: every `bench/*_bench.py` module with a `main()`."""
