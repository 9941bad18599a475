"""Doing the programme: the guided session, the session log, the next-morning check, and the
progression engine's decisions that follow from them."""
