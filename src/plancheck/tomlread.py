"""The TOML reader for loading ledgers.

`tomli` is the project the standard library's `tomllib` was taken from; its wheels are
compiled (mypyc) and parse about 2.5 times faster, which matters for a county's or a
province's ledgers.  Where it is not installed, `tomllib` does the same job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # both have the same interface; type-check against the standard one
    from tomllib import TOMLDecodeError, loads
else:
    try:
        from tomli import TOMLDecodeError, loads
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib the fallback
        from tomllib import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
