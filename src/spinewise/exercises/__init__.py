"""The exercise library in the database: a mirror of the YAML files an admin can switch off.

The YAML files under spinewise/library/exercises stay the source of truth for content;
``manage.py sync_exercises`` copies them into :class:`~.models.Exercise` rows so the admin
can list, view and disable exercises. A disabled exercise is never planned or swapped in.
"""
