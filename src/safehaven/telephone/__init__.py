"""Telephone requests (TEL-1..TEL-9): log, identify, call back via the switchboard, consent,
authorise, return the call, record. A request moves forward only through its services."""
