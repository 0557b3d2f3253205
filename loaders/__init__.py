"""Loaders: an uploaded file → checked bytes → cell grids → validated return records.

Imports nothing of wayahead but wayahead.returns (the spec, London's reference data, ReturnData)."""

from loaders.problems import FileRefused, Problem
from loaders.validate import LoadResult, ReturnData, load_return

__all__ = ["FileRefused", "LoadResult", "Problem", "ReturnData", "load_return"]
