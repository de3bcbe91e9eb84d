"""`make bench`: ours, the upstream client and raw httpx side by side (run.py, dataframes.py).

Run its modules from the repository's root: `python -m bench.run`, `python -m bench.dataframes`.
workers.py and canned_server.py run as scripts in the bench venvs (they import nothing of it).
"""
