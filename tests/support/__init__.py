"""Helpers the test modules share: data they index, servers they start, the CLI they run.

Plain modules, not test modules: a test module imports from here (``from support.articles
import ...``), never from another test module. Fixtures built from them are in ``conftest.py``.
"""
