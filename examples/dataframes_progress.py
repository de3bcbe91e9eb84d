"""Upload a DataFrame, download it back and stream it to a CSV file, with progress bars.

    pip install "bemserver-client[pandas]" tqdm     # tqdm is optional: without it, plain lines
    BEMSERVER_URL=http://127.0.0.1:5000 BEMSERVER_EMAIL=... BEMSERVER_PASSWORD=... \\
        python examples/dataframes_progress.py

Makes a campaign with BEMSERVER_SERIES timeseries (default 5) and BEMSERVER_POINTS values each
(default 50,000: one a minute from 2024-01-01, Europe/Paris), uploads them as "Raw" data in
chunks (`progress=` drives the bar), downloads them back into a DataFrame, checks that nothing
changed, and streams the same range to BEMSERVER_CSV (default data.csv).
"""

import os
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from bemserver_api_client import BEMServerApiClient
from bemserver_api_client import dataframes as bdf

HOST = os.environ["BEMSERVER_URL"]
EMAIL = os.environ["BEMSERVER_EMAIL"]
PASSWORD = os.environ["BEMSERVER_PASSWORD"]
SERIES = int(os.environ.get("BEMSERVER_SERIES", "5"))
POINTS = int(os.environ.get("BEMSERVER_POINTS", "50000"))
CSV = os.environ.get("BEMSERVER_CSV", "data.csv")


def progress_bar(description: str) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback: a tqdm bar if tqdm is installed, else a line per
    tenth. `total` may be revised once at the end of a download (it starts as the server's
    count, estimated when the range cuts through the data); `done` only grows."""
    try:
        from tqdm import tqdm
    except ImportError:
        shown = -1

        def line(done: int, total: int) -> None:
            nonlocal shown
            tenth = 10 * done // total if total else 10
            if tenth != shown:
                shown = tenth
                print(f"{description}: {done:,} of {total:,} points", flush=True)

        return line

    bar = tqdm(total=0, desc=description, unit="pt", unit_scale=True)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def main() -> None:
    with BEMServerApiClient(HOST) as client:
        tokens = client.auth.get_tokens(EMAIL, PASSWORD).data
        if tokens["status"] != "success":
            raise SystemExit("authentication failed")
        client.set_authentication_method(
            BEMServerApiClient.make_bearer_token_auth(
                tokens["access_token"], tokens["refresh_token"]
            )
        )
        campaign = client.campaigns.create(
            {"name": f"DataFrames {time.time_ns()}", "timezone": "Europe/Paris"}
        ).data
        scope = client.campaign_scopes.create({"name": "All", "campaign_id": campaign["id"]}).data
        ids = [
            client.timeseries.create(
                {"name": f"Meter {i}", "campaign_id": campaign["id"],
                 "campaign_scope_id": scope["id"], "unit_symbol": "kWh"}
            ).data["id"]
            for i in range(SERIES)
        ]  # fmt: skip
        raw = next(
            s["id"] for s in client.timeseries_datastates.getall().data if s["name"] == "Raw"
        )

        index = pd.date_range("2024-01-01", periods=POINTS, freq="min", tz="Europe/Paris")
        values = np.random.default_rng(0).gamma(2.0, 0.5, (POINTS, SERIES)).round(3)
        frame = pd.DataFrame(values, index=index, columns=ids)
        frame.iloc[::97, 0] = np.nan  # gaps: nothing is stored there

        started = time.perf_counter()
        report = bdf.upload(client, raw, frame, progress=progress_bar("upload"))
        print(f"uploaded {report.points:,} points in {len(report.chunks)} requests, "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        start, end = index[0], index[-1] + pd.Timedelta(minutes=1)
        started = time.perf_counter()
        back = bdf.download(client, start, end, raw, ids, "Europe/Paris",
                            progress=progress_bar("download"))  # fmt: skip
        print(f"downloaded {int(back.count().sum()):,} points in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        same = back.index.equals(frame.index) and np.array_equal(
            back.to_numpy(), frame.to_numpy(), equal_nan=True
        )
        print("identical to what was uploaded:", same)

        written = bdf.download_csv(client, CSV, start, end, raw, ids, "Europe/Paris",
                                   progress=progress_bar("csv"))  # fmt: skip
        print(f"{written:,} points written to {CSV}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
