"""gunicorn reads this file when started from the checkout (see README, "Running in production")."""

# Threads, so that a worker waiting on a CV check (a child process, up to CV_CHECK_TIMEOUT_SECONDS,
# no CPU) still answers other requests: with sync workers, as many simultaneous uploads as workers
# left /healthz waiting seconds. Django is thread-safe; each thread keeps its own database connection.
worker_class = "gthread"
threads = 4

# The access log (--access-logfile) with calendar tokens and emailed keys masked.
logger_class = "eyeforai.http.gunicorn_logging.AccessLogWithoutSecrets"
