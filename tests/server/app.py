"""The WSGI app the test server runs: bemserver_api's own factory, with a settable token lifetime.

Loaded by gunicorn in the server venv (`app:create_app()`). BEMSERVER_TEST_ACCESS_TOKEN_LIFETIME
(seconds) shortens access tokens so that refresh can be tested against the real server.
"""

import os


def create_app():
    from bemserver_api import create_app as bemserver_create_app
    from bemserver_api.extensions.authentication import Auth

    lifetime = os.environ.get("BEMSERVER_TEST_ACCESS_TOKEN_LIFETIME")
    if lifetime:
        Auth.ACCESS_TOKEN_LIFETIME = int(lifetime)
    return bemserver_create_app()
