"""Load demo data into a BEMServer API: a campaign, a site with coordinates, a building, timeseries
(one of them the site's outdoor air temperature) and four weeks of hourly "Clean" data.

    BEMSERVER_URL=http://127.0.0.1:5000 BEMSERVER_EMAIL=... BEMSERVER_PASSWORD=... python examples/sample_data.py

`make demo` runs it against a throwaway local server. Idempotent: an existing campaign is reused.
"""

import datetime as dt
import math
import os

from bemserver_api_client import BEMServerApiClient

CAMPAIGN = "Demo campaign"
SITE = "Demo site"
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
HOURS = 4 * 7 * 24


def outdoor_temperature(hour: int) -> float:
    """A plausible January in Toulouse: 6 °C on average, 4 °C of daily swing, a cold spell."""
    daily = -4 * math.cos(2 * math.pi * ((hour % 24) - 3) / 24)
    spell = -5 * math.exp(-(((hour / 24) - 14) ** 2) / 8)
    return round(6 + daily + spell, 2)


def main() -> None:
    client = BEMServerApiClient(
        os.environ["BEMSERVER_URL"],
        authentication_method=BEMServerApiClient.make_http_basic_auth(
            os.environ["BEMSERVER_EMAIL"], os.environ["BEMSERVER_PASSWORD"]
        ),
    )
    with client:
        if client.campaigns.getall(name=CAMPAIGN).data:
            print(f"sample data: {CAMPAIGN!r} already loaded")
            return
        campaign = client.campaigns.create({"name": CAMPAIGN, "timezone": "Europe/Paris"}).data
        scope = client.campaign_scopes.create(
            {"name": "Demo scope", "campaign_id": campaign["id"]}
        ).data
        site = client.sites.create(
            {"name": SITE, "campaign_id": campaign["id"], "latitude": 43.6, "longitude": 1.44}
        ).data
        client.buildings.create({"name": "Demo building", "site_id": site["id"]})

        def timeseries(name: str, unit: str) -> dict:
            return client.timeseries.create(
                {
                    "name": name,
                    "unit_symbol": unit,
                    "campaign_id": campaign["id"],
                    "campaign_scope_id": scope["id"],
                }
            ).data

        temperature = timeseries("Outdoor air temperature", "°C")
        power = timeseries("Heating power", "kW")
        client.timeseries_by_sites.create(
            {"site_id": site["id"], "timeseries_id": temperature["id"]}
        )
        client.weather_ts_by_sites.create(
            {
                "site_id": site["id"],
                "timeseries_id": temperature["id"],
                "parameter": "AIR_TEMPERATURE",
                "forecast": False,
            }
        )

        states = client.timeseries_datastates.getall().data
        clean = next(state["id"] for state in states if state["name"] == "Clean")
        stamps = [(START + dt.timedelta(hours=h)).isoformat() for h in range(HOURS)]
        client.timeseries_data.upload(
            clean,
            {
                temperature["id"]: {t: outdoor_temperature(h) for h, t in enumerate(stamps)},
                power["id"]: {
                    t: round(max(0.0, 18 - outdoor_temperature(h)) * 1.5, 2)
                    for h, t in enumerate(stamps)
                },
            },
        )
        print(
            f"sample data: campaign {campaign['id']}, site {site['id']} ({SITE!r}), "
            f"{len(stamps)} hourly values x 2 timeseries from {START:%Y-%m-%d}"
        )


if __name__ == "__main__":
    main()
