"""Benchmarks: each module is a script; figures go to benchmarks/results/."""
