"""Progress over time: pain, function (PSFS), adherence and volume, as server-rendered SVG charts."""
