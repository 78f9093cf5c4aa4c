"""Letters and post: window-envelope layouts, print jobs and the read-back window check.

Pure Python (ReportLab to draw, pdfplumber to read back); no Django. See docs/letters.md.
"""
