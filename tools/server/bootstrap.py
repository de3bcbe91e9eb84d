"""Prepare the test databases: run in the server venv by harness.py, idempotent.

    python -m tools.server.bootstrap   (from the repository's root; env:
        BEMSERVER_CORE_SETTINGS_FILE, BEMSERVER_TEST_ADMIN_URL, BEMSERVER_TEST_ADMIN_EMAIL,
        BEMSERVER_TEST_ADMIN_PASSWORD)

Waits for PostgreSQL, creates the `bemserver` and `celery` databases, the BEMServer schema (only if
the `users` table is missing: setup_db() is not idempotent) and the admin user (if missing).
BEMSERVER_TEST_ADMIN_URL reaches the `postgres` maintenance database; with
BEMSERVER_TEST_FAST_PASSWORD_HASH, the admin's password gets the cheap hash of app.py.
"""

import os
import time

import psycopg

from tools.server.app import fast_password_hash


def connect_maintenance_db() -> psycopg.Connection:
    deadline = time.monotonic() + 30
    while True:
        try:
            return psycopg.connect(os.environ["BEMSERVER_TEST_ADMIN_URL"], autocommit=True)
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def create_databases() -> None:
    with connect_maintenance_db() as conn:
        existing = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
        for name in ("bemserver", "celery"):
            if name not in existing:
                conn.execute(f'CREATE DATABASE "{name}"')


def create_schema_and_admin(email: str, password: str) -> None:
    import sqlalchemy as sqla
    from bemserver_core import BEMServerCore, commands, database, model

    BEMServerCore()
    fast_password_hash()
    if not sqla.inspect(database.db.engine).has_table("users"):
        commands.setup_db()
    if not database.db.session.query(model.User).filter_by(email=email).first():
        database.db.session.add(
            model.User(
                name="admin",
                email=email,
                _is_admin=True,
                _is_active=True,
                password=model.users.ph.hash(password),
            )
        )
        database.db.session.commit()


if __name__ == "__main__":
    create_databases()
    create_schema_and_admin(
        os.environ["BEMSERVER_TEST_ADMIN_EMAIL"], os.environ["BEMSERVER_TEST_ADMIN_PASSWORD"]
    )
