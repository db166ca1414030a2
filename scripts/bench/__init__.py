"""The benchmark's stages, run in order by ``scripts/benchmark.py``."""
