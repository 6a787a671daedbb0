"""The JSON API of API.md, mounted at /api/v1/."""

from ninja import NinjaAPI

api = NinjaAPI(title="Mentorwise API", version="1", urls_namespace="api")
