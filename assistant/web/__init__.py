"""The browser app: Jinja2 templates and static files (shipped as package data), sessions, conversations.

The routes are in ``assistant/routers/web.py``; every page calls ``ClausewiseService`` with the signed-in key's
``Asker``, so a page shows exactly what the API would return to that key.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
