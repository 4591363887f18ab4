"""One module per ``python -m ecosites`` command, each with ``register(subparsers)``."""
