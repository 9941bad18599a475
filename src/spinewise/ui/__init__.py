"""The guided session player's static files (``static/spinewise/player/``, ``player.css``):
plain JavaScript modules, progressive enhancement over the server's log form.

Listed in ``INSTALLED_APPS`` (see :mod:`spinewise.ui.apps`) only so Django's static-files
finders serve the ``static/`` folder. The SVG charts live with the progress pages
(:mod:`spinewise.progress.svg_charts`).
"""
