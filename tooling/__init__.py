"""Development tooling: what the tests, the benchmarks and the make targets share.

Starting and stopping processes, waiting until they answer, Chromium's flags, the throwaway
PostgreSQL, `make scale`'s balancer and `make serve`'s launcher. The product (demo_server,
site_plugins) never imports this package; `scripts/` are thin entry points into it, and
nothing imports them (tests/test_architecture.py holds both rules).
"""
