"""The JSON API (``/api/v1/``): django-ninja, OpenAPI 3, tokens, idempotent creates.

See :mod:`spinewise.api.api` for how the pieces fit together.
"""
