"""plancheck: a target ledger for government work reports."""

__version__ = "0.1.0"
