"""Tools the tests, the Makefile, the bench and the generator run (never shipped): server/, a
throwaway local BEMServer API; ui_crawl.py, the official web UI crawled on this client. Run them
from the repository's root as modules (`python -m tools.server.harness ...`)."""
