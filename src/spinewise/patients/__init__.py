"""The patient: who owns what, who may see it, and their baseline."""
