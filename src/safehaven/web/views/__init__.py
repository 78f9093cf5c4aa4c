"""The web app's views, one module per area. Each is a thin adapter over services/selectors."""
