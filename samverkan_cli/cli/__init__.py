"""The `samverkan` command: one click module per command, thin, without logic of its own.
May import every package below it; nothing imports `cli`.
"""
