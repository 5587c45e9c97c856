"""`samverkan diff`: what changed between two versions, section by section, as Swedish Markdown.
May import messages, check, render, writers, rules and below.
"""
