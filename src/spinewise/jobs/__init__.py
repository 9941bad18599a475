"""Derived work that runs after a write has committed, off the request (the durable queue)."""
