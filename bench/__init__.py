"""`make bench`: ours, the upstream client and raw httpx side by side (run.py), DataFrames
(dataframes.py), Dask on a local cluster (dask_cluster.py).

Run its modules from the repository's root: `python -m bench.run`, `python -m bench.dataframes`,
`python -m bench.dask_cluster` (their workers too).
workers.py and canned_server.py run as scripts in the bench venvs (they import nothing of it).
"""
