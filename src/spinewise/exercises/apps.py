from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """The exercise library in the web app: the exercise pages and figures, and which of
    the library's exercises (``core.exercises.Library``, loaded from ``library/exercises``)
    are enabled here (``exercises.library.enabled_library``).

    The label stays "catalogue", the app's first name, so existing databases keep their
    tables and migration history.
    """

    name = "spinewise.exercises"
    label = "catalogue"
    verbose_name = "Exercise library"
