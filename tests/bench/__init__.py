"""`make bench-load`: the portal under load, with figures (never part of the test suite)."""
