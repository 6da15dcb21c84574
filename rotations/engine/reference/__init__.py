"""What the engine is measured against, never the production path: the reference methods
(`baselines`), the synthetic cohorts they are compared on (`synthetic`) and the benchmark that prints
the comparison (`python -m rotations.engine.reference.bench`, `make bench-matching`)."""
