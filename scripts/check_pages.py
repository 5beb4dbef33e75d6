"""`make check-pages`: every page's console commands against fresh demos (tooling/check_pages.py).

An entry point only: nothing imports it.
"""

from tooling.check_pages import main

if __name__ == "__main__":
    raise SystemExit(main())
