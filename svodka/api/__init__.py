"""The HTTP API (FastAPI): JSON under /api/…, the web UI beside it, OpenAPI at /docs."""

from svodka.api.app import create_app

__all__ = ["create_app"]
