"""Publishing merged posts to X, exactly once.

``planner`` decides what is due from the posts and the ledger, ``gate`` says
whether a due post may be sent, ``publisher`` sends it through ``x`` and
records each step in the ``ledger``. Nothing here is imported by the CLI until
``gazouille publish`` or ``gazouille status`` runs.
"""
