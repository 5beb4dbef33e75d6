"""`live-demo`: "Try it" buttons on HTTP examples, and the live to-do list, against the demo."""
