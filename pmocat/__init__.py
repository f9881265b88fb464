"""pmocat: a PMO's service catalogue, kept in git."""

__version__ = "0.1.0"
