"""Daily means per sensor over a campaign, on a Dask cluster: the workers upload and download.

    pip install "bemserver-client[dask]"
    BEMSERVER_URL=http://127.0.0.1:5000 BEMSERVER_EMAIL=... BEMSERVER_PASSWORD=... \\
        python examples/dask_campaign.py

Makes a campaign with BEMSERVER_SENSORS temperature sensors (default 8) measured every minute for
BEMSERVER_DAYS days (default 30) in Europe/Paris, generated day by day on the workers of a local
cluster (2 worker processes) and uploaded by them (`write_timeseries`, one report row per
partition). Then reads the campaign back as a Dask DataFrame (`read_timeseries`: partitions
planned from the server's stats, fetched by the workers) and computes each sensor's daily mean,
a week of one sensor (`.loc` fetches only that week's partitions) and checks one sum against
the generated data.
"""

import os
import time

import dask.dataframe as dd
import numpy as np
import pandas as pd
from distributed import Client, LocalCluster

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client.dask import read_timeseries, write_timeseries

HOST = os.environ["BEMSERVER_URL"]
EMAIL = os.environ["BEMSERVER_EMAIL"]
PASSWORD = os.environ["BEMSERVER_PASSWORD"]
SENSORS = int(os.environ.get("BEMSERVER_SENSORS", "8"))
DAYS = int(os.environ.get("BEMSERVER_DAYS", "30"))
FIRST_DAY = pd.Timestamp("2024-03-01", tz="Europe/Paris")  # March: a DST change inside


def one_day(day: pd.Timestamp, ids: list[int]) -> pd.DataFrame:
    """A day of temperatures (°C) for every sensor, the same on every run (seeded by the day)."""
    index = pd.date_range(day, day + pd.Timedelta(days=1), freq="min", inclusive="left")
    rng = np.random.default_rng(int(day.timestamp()))
    hours = index.hour.to_numpy() + index.minute.to_numpy() / 60
    daily = 19 + 3 * np.sin((hours - 9) / 24 * 2 * np.pi)
    values = daily[:, None] + rng.normal(0, 0.3, (len(index), len(ids))) + np.arange(len(ids))
    return pd.DataFrame(values.round(2), index=index, columns=ids)


def main() -> None:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
        BEMServerApiClient(HOST) as client,
    ):
        tokens = client.auth.get_tokens(EMAIL, PASSWORD).data
        if tokens["status"] != "success":
            raise SystemExit("authentication failed")
        client.set_authentication_method(
            BEMServerApiClient.make_bearer_token_auth(
                tokens["access_token"], tokens["refresh_token"]
            )
        )
        campaign = client.campaigns.create(
            {"name": f"Dask {time.time_ns()}", "timezone": "Europe/Paris"}
        ).data
        scope = client.campaign_scopes.create({"name": "All", "campaign_id": campaign["id"]}).data
        ids = [
            client.timeseries.create(
                {"name": f"Room {i} temperature", "campaign_id": campaign["id"],
                 "campaign_scope_id": scope["id"], "unit_symbol": "°C"}
            ).data["id"]
            for i in range(SENSORS)
        ]  # fmt: skip
        raw = next(
            s["id"] for s in client.timeseries_datastates.getall().data if s["name"] == "Raw"
        )

        # Generated on the workers, a partition per day, uploaded by the workers.
        days = [FIRST_DAY + pd.Timedelta(days=d) for d in range(DAYS)]
        generated = dd.from_map(one_day, days, ids=ids, meta=one_day(FIRST_DAY, ids).iloc[:0])
        started = time.perf_counter()
        report = write_timeseries(generated, client, raw)
        print(f"uploaded {report['points'].sum():,} points in {len(report)} partitions, "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        # Read back: partitions planned from the server's stats, fetched by the workers.
        end = days[-1] + pd.Timedelta(days=1)
        # Partitions of about 100,000 values (default 1,000,000): a few for each worker here.
        ddf = read_timeseries(client, days[0], end, raw, ids, "Europe/Paris",
                              partition_points=100_000)  # fmt: skip
        print(f"{ddf.npartitions} partitions, divisions known: {ddf.known_divisions}")
        started = time.perf_counter()
        daily = ddf.resample("1D").mean().compute()
        print(f"daily means ({len(daily)} days x {len(daily.columns)} sensors, "
              f"{time.perf_counter() - started:.1f} s):")  # fmt: skip
        print(daily.round(2).head(7).to_string())

        week = ddf.loc[days[0] : days[0] + pd.Timedelta(days=7), ids[0]].compute()
        print(f"the first week of sensor {ids[0]}: {len(week):,} values, "
              f"mean {week.mean():.2f} °C")  # fmt: skip

        expected = generated[ids[-1]].sum().compute()
        got = ddf[ids[-1]].sum().compute()
        print(f"sum of sensor {ids[-1]}: generated {expected:.2f}, read back {got:.2f}")
        if not np.isclose(expected, got, rtol=1e-12):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
