"""The web app: GOV.UK Frontend pages, URL configuration, WSGI entry point."""
