"""Safety screening: the core's red-flag questions as a form, and the advice for each level."""
