"""Who changed what, when, from which state to which: one row per state change, written by services."""
