"""`make serve`: the site and the demo server side by side (tooling/serve.py).

An entry point only: nothing imports it.
"""

from tooling.serve import run

if __name__ == "__main__":
    run()
