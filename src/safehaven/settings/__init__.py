"""Settings: base (shared), local (embedded default), test, test_postgres, production."""
