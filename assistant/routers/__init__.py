"""HTTP routers, one module per area, each thin over ``ClausewiseService``; ``server.create_app`` includes them.

``deps`` holds what they share (the per-process state, API-key callers, service access, response helpers);
``api`` the ``/v1`` JSON API and health checks, ``slack`` the Slack endpoint, ``web`` the browser pages.
"""
