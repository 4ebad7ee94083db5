"""``python -m fahras`` runs the ``fahras`` command."""

from fahras.cli import main

main()
