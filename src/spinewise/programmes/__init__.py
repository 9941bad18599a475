"""Programmes: the core planner's output stored as versions, each change with its reason."""
