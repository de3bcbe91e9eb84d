"""The two examples of the upstream client's README, pointed at a local server, printing results.

    BEMSERVER_URL=http://127.0.0.1:5000 BEMSERVER_EMAIL=... BEMSERVER_PASSWORD=... python examples/quickstart.py

The code is the README's, except for the host and credentials (from the environment), the site
(found by name instead of id 1), and the prints.
"""

import datetime as dt
import os

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.enums import DegreeDaysPeriod
from bemserver_api_client.exceptions import (
    BEMServerAPINotFoundError,
    BEMServerAPIValidationError,
)

HOST = os.environ["BEMSERVER_URL"]  # the README says "localhost:5000"
EMAIL = os.environ["BEMSERVER_EMAIL"]
PASSWORD = os.environ["BEMSERVER_PASSWORD"]


def example_1_basic_auth() -> None:
    print("== Example 1: HTTP Basic authentication")
    # Get an instance of API client, setting the API host and the authentication method used for API requests.
    api_client = BEMServerApiClient(
        HOST,
        authentication_method=BEMServerApiClient.make_http_basic(EMAIL, PASSWORD),
    )
    # Get a list of all the sites available for the authenticated user.
    sites_resp = api_client.sites.getall()
    print(f"sites: {sites_resp.data}")


def example_2_bearer_tokens() -> None:
    print("== Example 2: JWT bearer tokens, degree days, errors")
    # Get an instance of API client, setting the API host.
    api_client = BEMServerApiClient(HOST)

    # Get the authentication bearer access and refresh tokens (JWT).
    auth_resp = api_client.auth.get_tokens(EMAIL, PASSWORD)
    print(f"get_tokens status: {auth_resp.data['status']}")
    if auth_resp.data["status"] == "failure":
        raise SystemExit("authentication failed")
    print(f"wrong password status: {api_client.auth.get_tokens(EMAIL, 'wrong').data['status']}")

    api_client.set_authentication_method(
        BEMServerApiClient.make_bearer_token_auth(
            auth_resp.data["access_token"], auth_resp.data["refresh_token"]
        )
    )

    sites_resp = api_client.sites.getall()
    print(f"sites: {[site['name'] for site in sites_resp.data]}")
    site_id = api_client.sites.getall(name="Demo site").data[0]["id"]

    # Get the heating degree days data of a specific site.
    dd_resp = api_client.sites.get_degree_days(
        site_id,
        dt.date(2024, 1, 1).isoformat(),
        dt.date(2025, 1, 1).isoformat(),
        period=DegreeDaysPeriod.month,
    )
    # The sample data (examples/sample_data.py) covers four weeks of January 2024: the other
    # months have no temperature data, hence no degree days ("-").
    print("monthly heating degree days (base 18 °C; sample data: four weeks of January 2024):")
    for month, value in dd_resp.data["degree_days"].items():
        print(f"  {month[:7]}: {'-' if value is None else round(value, 1)}")

    # Get a specific site, that does not exists (status code 404).
    try:
        sites_resp = api_client.sites.getone(42)
    except BEMServerAPINotFoundError as exc:
        print(f"404 handled: {exc}")

    # Some kind of errors, like BEMServerAPIValidationError, includes details on what occured.
    try:
        sites_resp = api_client.sites.create({"campaign_id": 1})
    except BEMServerAPIValidationError as exc:
        print(f"422 handled, exc.errors = {exc.errors}")


if __name__ == "__main__":
    example_1_basic_auth()
    example_2_bearer_tokens()
