"""Scaffolding for the end-to-end tests, the benchmarks and the example-making tool: a private
Xvfb display, the practice system as a separate process, and a scripted caseworker.

No product module imports this package (an import contract in the test suite says so): the
product never starts a display of its own.
"""
