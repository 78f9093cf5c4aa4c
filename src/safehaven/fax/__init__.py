"""Fax: a channel the organisation switches on deliberately (FAX-1..FAX-14)."""
