"""`samverkan status`: each agreement's term, next deadlines and what is overdue.
May import calendar (its deadlines), messages, check, rules and below.
"""
