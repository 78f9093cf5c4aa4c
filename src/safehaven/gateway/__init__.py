"""The SMTP gateway: an asyncio (aiosmtpd) process that checks outbound mail. No Django here."""
