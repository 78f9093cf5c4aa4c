"""Staff, their roles (officer, authoriser, DPO, administrator) and where they work."""
