"""Self-contained user-interface pieces shared by the web pages.

- ``static/spinewise/player.js`` + ``player.css``: the guided session player
  (plain JavaScript, progressive enhancement over the server's log form).
- :mod:`spinewise.ui.charts`: progress charts as accessible SVG strings
  (pure Python, no Django), styled by ``static/spinewise/charts.css``.

Listed in ``INSTALLED_APPS`` (see :mod:`spinewise.ui.apps`) only so Django's
static-files finders serve the ``static/`` folder.
"""
