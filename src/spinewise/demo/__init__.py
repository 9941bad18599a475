"""Demo data: a patient with six weeks of realistic history, built through the real services."""
