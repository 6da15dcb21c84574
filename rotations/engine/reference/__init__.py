"""What the engine is measured against, never the production path: the exact oracle and the independent
rule checker (`oracle`), the reference methods (`baselines`: serial dictatorship, sequential deferred
acceptance, the plain MILP), the cohorts they are compared on (`shapes`: the audit's hard shapes and the
2,000-talent hard cohort; `synthetic`: the older plain synthetic cohorts) and the benchmark that prints the
comparison (`python -m rotations.engine.reference.bench`, `make bench-matching`)."""
