"""Demo data that needs no web project: the synthetic workforce behind ``make demo``, the
tests and the benchmarks.

Nothing here imports Django or :mod:`upward.web` (an import-linter contract), so the
CLI, ``bench/`` and the library's tests can use it; the web demo
(:mod:`upward.web.demo`) seeds the database from it. The library itself
(measure, classify, reports) never imports the demo.
"""
