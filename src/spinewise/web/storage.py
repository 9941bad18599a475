"""Static files in production: compressed, with hashed names for long caching."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # The session player is ES modules: rewrite each `import ... from "./state.js"` to the
    # hashed name too, so a new main.js never meets an old module from a browser's cache.
    support_js_module_import_aggregation = True
