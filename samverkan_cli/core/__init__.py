"""Building blocks that know nothing of agreements: problems, errors, paths, atomic output, Swedish.
Imports no other package of samverkan_cli.
"""
