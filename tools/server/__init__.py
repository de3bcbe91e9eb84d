"""A throwaway local BEMServer API (harness.py), the programs it runs in a server venv (app.py,
bootstrap.py), their pinned requirements (requirements/<version>.txt) and a fake weather API."""
