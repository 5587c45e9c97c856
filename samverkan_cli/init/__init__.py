"""`samverkan init`: a new agreement folder from a mall or a copy, its dates moved to the new term.
May import messages, check, render, writers, rules and below.
"""
