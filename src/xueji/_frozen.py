"""Where `FrozenMap` and its helpers lived; they are in `xueji.frozenmap` now.

Kept so that imports of the private path (and pickles naming it) keep working.
"""

from xueji.frozenmap import FrozenMap, freeze, frozen_map

__all__ = ["FrozenMap", "freeze", "frozen_map"]
