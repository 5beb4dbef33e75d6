"""`make scale N=3`: N demo processes on one PostgreSQL behind nginx (tooling/scale.py).

An entry point only: nothing imports it.
"""

from tooling.scale import run

if __name__ == "__main__":
    run()
