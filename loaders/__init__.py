"""Loaders: an uploaded file → checked bytes → cell grids → validated return records.

Imports nothing of wayahead but wayahead.returns (the spec, London's reference data, ReturnData)."""

from loaders.problems import FileRefused, Problem
from loaders.validate import LoadResult, load_return
from wayahead.returns.data import ReturnData

__all__ = ["FileRefused", "LoadResult", "Problem", "ReturnData", "load_return"]
