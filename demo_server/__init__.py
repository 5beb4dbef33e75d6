"""The Backend Basics demo server: the Express "Hello, World!" of the pages, in Bottle.

The app factory is `demo_server.app.create_app`; each name is imported from the module that
defines it (tests/test_architecture.py holds the rule), so this package re-exports nothing.
"""
