"""The Backend Basics demo server: the Express "Hello, World!" of the pages, in Bottle."""

from demo_server.app import create_app

__all__ = ["create_app"]
