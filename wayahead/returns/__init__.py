"""The returns: what a borough return holds (spec), London's reference data (london), the blank
template, the illustrative sample generator, and ReturnData, the clean content every wing passes on.

The bottom wing: imports nothing of wayahead (the sample generator's count of stored sample
returns is the one exception, to move into the store).
"""
