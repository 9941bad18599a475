"""The weekly check-in: pain (NRS), PEG, PSFS re-rating, and new symptoms."""
