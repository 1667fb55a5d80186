from __future__ import annotations

from gazouille.cli import main

main()
