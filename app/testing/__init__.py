"""Scaffolding for the end-to-end tests, the benchmarks and the example-making tool: a private
Xvfb display, the practice system as a separate process, a scripted caseworker, and a recorder
process read through the session it writes (so tests wait for what it has kept).

No product module imports this package (an import contract in the test suite says so): the
product never starts a display of its own.
"""
