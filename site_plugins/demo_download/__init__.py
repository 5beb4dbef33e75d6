"""`demo-download`: the site carries a wheel of the demo server, and commands that install it."""
