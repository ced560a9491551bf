"""An example registry service on xueji: FastAPI, SQLite, and the library's rules.

``create_app`` in `registry_service.app` builds it; `registry_service.main` is what
uvicorn starts. See README.md.
"""
