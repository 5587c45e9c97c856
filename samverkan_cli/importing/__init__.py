"""`samverkan import avtal.docx NAMN`: an agreement folder from an existing Word agreement.
May import messages, check, render, writers, rules and below, and init (folder writing).
"""
