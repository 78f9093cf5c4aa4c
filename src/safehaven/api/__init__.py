"""The REST API (Django REST framework, OpenAPI schema by drf-spectacular)."""
