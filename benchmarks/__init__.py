"""Benchmarks: ``./run bench [NAME …]`` runs ``benchmarks/bench_NAME.py`` modules."""
