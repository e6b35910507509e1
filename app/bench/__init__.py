"""``robotfabrik bench``: every performance figure, each measured beside its baseline in one run."""
