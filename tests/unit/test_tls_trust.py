"""Which CAs `verify=True` trusts: the environment's, as requests (the upstream client's library)
and httpx read it, on a loopback TLS server whose CA nothing else trusts."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from loopback import ScriptedServer

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.exceptions import (
    BEMServerAPIClientValueError,
    BEMServerAPIConnectionError,
)

CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")


@pytest.fixture(scope="module")
def tls(tmp_path_factory) -> Iterator[tuple[ScriptedServer, str, str]]:
    """The server, its CA's PEM file, and another CA's (trusting only that one must fail)."""
    folder = tmp_path_factory.mktemp("ca")
    ca, other = trustme.CA(), trustme.CA()
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    other.cert_pem.write_to_path(str(folder / "other.pem"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    script = lambda *_: (200, {"Content-Type": "application/json"}, b'{"id": 1}')  # noqa: E731
    with ScriptedServer(script, tls=context) as server:
        yield server, str(folder / "ca.pem"), str(folder / "other.pem")


@pytest.fixture
def environment(monkeypatch) -> pytest.MonkeyPatch:
    for name in CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def get(server: ScriptedServer) -> object:
    with BEMServerApiClient(server.url) as client:  # verify=True
        return client.sites.getone(1).data


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"])
def test_the_ca_bundle_named_by_the_environment_is_trusted(tls, environment, variable):
    server, ca, _ = tls
    with pytest.raises(BEMServerAPIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        get(server)  # certifi's CAs do not know this one
    environment.setenv(variable, ca)
    assert get(server) == {"id": 1}


def test_requests_and_httpx_variables_are_trusted_together(tls, environment):
    """An application set up for the upstream client (REQUESTS_CA_BUNDLE) on a machine whose
    httpx/OpenSSL trust is set too (SSL_CERT_FILE): either CA verifies."""
    server, ca, other = tls
    environment.setenv("REQUESTS_CA_BUNDLE", other)
    with pytest.raises(BEMServerAPIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        get(server)  # as requests: that bundle replaces certifi's
    environment.setenv("SSL_CERT_FILE", ca)
    assert get(server) == {"id": 1}
    environment.setenv("REQUESTS_CA_BUNDLE", ca)
    environment.setenv("CURL_CA_BUNDLE", other)  # requests: REQUESTS_CA_BUNDLE first
    environment.delenv("SSL_CERT_FILE")
    assert get(server) == {"id": 1}


def test_a_ca_directory_is_trusted(tls, environment, tmp_path):
    server, ca, _ = tls
    folder = tmp_path / "certs"
    folder.mkdir()
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to name the certificate by its subject hash")
    # OpenSSL looks certificates up in a directory by subject hash (c_rehash's layout).
    name = subprocess.check_output(["openssl", "x509", "-hash", "-noout", "-in", ca], text=True)
    (folder / f"{name.strip()}.0").write_bytes(Path(ca).read_bytes())
    environment.setenv("REQUESTS_CA_BUNDLE", str(folder))
    assert get(server) == {"id": 1}


def test_a_missing_bundle_is_a_clear_error(tls, environment):
    server, _, _ = tls
    environment.setenv("REQUESTS_CA_BUNDLE", "/nowhere/ca.pem")
    with pytest.raises(
        BEMServerAPIClientValueError, match=r"REQUESTS_CA_BUNDLE='/nowhere/ca\.pem'"
    ):
        get(server)
    with pytest.raises(BEMServerAPIClientValueError, match=r"verify='/nowhere/ca\.pem'"):
        BEMServerApiClient(server.url, verify="/nowhere/ca.pem").sites.getone(1)


def test_verify_given_is_not_overridden_by_the_environment(tls, environment):
    server, ca, other = tls
    environment.setenv("REQUESTS_CA_BUNDLE", other)
    with BEMServerApiClient(server.url, verify=ca) as client:
        assert client.sites.getone(1).data == {"id": 1}
