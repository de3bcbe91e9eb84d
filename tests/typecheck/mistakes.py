"""Mistakes each type checker must report: every line marked as a mistake must get an error."""

from bemserver_api_client import BEMServerApiClient


def mistakes(client: BEMServerApiClient) -> None:
    client.sites.getall(nme="x")  # mistake: wrong argument name
    client.sites.getone("1")  # mistake: wrong type
    client.sites.getall(sort=["-nmae"])  # mistake: misspelled sort key
    client.sitez.getall()  # mistake: unknown entry point
    aggregate = client.timeseries_data.download_aggregate
    aggregate("s", "e", 1, 1, aggregation="mean")  # mistake: wrong fixed value
    client.sites.getone()  # mistake: missing positional
    print(client.sites.getone(1).parsed.nmae)  # mistake: unknown model attribute
    client.sites.upload()  # mistake: unknown action
