"""`samverkan validate`: every agreement of a repository checked and reported in one format.
May import messages, check and below.
"""
