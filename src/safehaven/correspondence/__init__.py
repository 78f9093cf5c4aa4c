"""Outgoing letters on the platform: current-record address, address queries, print, dispatch."""
