"""The local copy of the primary database: service users, addresses, consent, organisations."""
