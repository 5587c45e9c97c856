"""Reading: strict YAML with marks, schema errors in Swedish, the repository, agreement folders.
May import model, document and core.
"""
