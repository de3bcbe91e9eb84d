"""The WSGI app the test server runs: bemserver_api's own factory, with a settable token lifetime.

Loaded by gunicorn in the server venv (`tools.server.app:create_app()`, from the repository's
root). BEMSERVER_TEST_ACCESS_TOKEN_LIFETIME (seconds) shortens access tokens so that refresh can
be tested against the real server.
BEMSERVER_TEST_FAST_PASSWORD_HASH=1 makes password hashes cheap (see fast_password_hash()).
"""

import os


def fast_password_hash():
    """Cheap argon2 parameters (the default verification costs ~250-400 ms of CPU per Basic
    call): for servers that take thousands of Basic calls. bootstrap.py hashes the admin's
    password with the same parameters (else the server would rehash it at the first login)."""
    if os.environ.get("BEMSERVER_TEST_FAST_PASSWORD_HASH"):
        import argon2
        from bemserver_core.model import users

        users.ph = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def create_app():
    from bemserver_api import create_app as bemserver_create_app
    from bemserver_api.extensions.authentication import Auth

    lifetime = os.environ.get("BEMSERVER_TEST_ACCESS_TOKEN_LIFETIME")
    if lifetime:
        Auth.ACCESS_TOKEN_LIFETIME = int(lifetime)
    fast_password_hash()
    return bemserver_create_app()
