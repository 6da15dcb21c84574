"""gunicorn reads this file when started from the checkout (see README, "Running in production")."""

# The access log (--access-logfile) with calendar tokens and emailed keys masked.
logger_class = "eyeforai.http.gunicorn_logging.AccessLogWithoutSecrets"
