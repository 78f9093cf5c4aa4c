"""SafeHaven: the everyday information-security practice of schools and children's services."""

__version__ = "0.1.0"
