"""The disclosure register (TEL-9 for every channel): append-only and hash-chained."""
