"""Discovery sweep: find personal and sensitive data across file shares and mail archives.

Pure Python (no Django): the walker and the store run in the driver, `worker.scan_batch` runs on
Dask workers and calls the core engine (`safehaven.core.textio`, `safehaven.core.detect`).
"""
