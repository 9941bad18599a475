"""Clinical content as data files (exercises, figures, questions, lessons)."""
