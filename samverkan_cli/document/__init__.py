"""The one document tree that every writer walks, and the Markdown subset parsed into it.
May import core only.
"""
