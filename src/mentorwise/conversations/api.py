"""The conversations part of the pair's workspace in the JSON API (API.md, "The pair's workspace")."""

from ninja import Router

router = Router(tags=["conversations"])
