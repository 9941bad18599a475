"""The clinical brain: pure Python, deterministic, no Django.

Inputs in, decisions with reasons out. Every clinical rule lives here once;
the web application and the CLI call these functions and never re-implement them.
"""
