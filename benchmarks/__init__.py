"""Benchmarks and build checks of the news site: run from the repository root with python -m."""
