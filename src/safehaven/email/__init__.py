"""Email in the web app: the records-backed Directory and Policy for the core email checks, the
pre-send check page and API, register and near-miss adapters, and the quarantine review UI."""
