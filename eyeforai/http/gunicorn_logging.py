"""gunicorn's access log with the secrets in addresses masked (eyeforai/http/access_log.py).

Named in ./gunicorn.conf.py, which gunicorn reads when started from the checkout; elsewhere pass
`--logger-class eyeforai.http.gunicorn_logging.AccessLogWithoutSecrets`. Only gunicorn imports this.
"""

from gunicorn.glogging import Logger

from eyeforai.http.access_log import mask_query_string, mask_secrets


class AccessLogWithoutSecrets(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if isinstance(value, str):
                atoms[name] = mask_query_string(value) if name == "q" else mask_secrets(value)
        return atoms
