"""The service as uvicorn starts it: over the SQLite file named by ``REGISTRY_DB``
(``registry.db`` in the working directory by default), with the demo data of README.md.

    uvicorn --app-dir examples registry_service.main:app
"""

from __future__ import annotations

import logging
import os

from registry_service.app import MaskNumbers, create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
# The access log shows request paths, and paths name records by number.
logging.getLogger("uvicorn.access").addFilter(MaskNumbers())
app = create_app(os.environ.get("REGISTRY_DB", "registry.db"), demo=True)
