"""`samverkan build`: check, render, write every output atomically, and rebuild on save.
May import publish, messages, check, render, writers, rules and below (not the other features).
"""
