"""From validated models to the one document tree: Jinja templates → Markdown → tree.
May import writers (for inline Markdown), rules, orgchart, profiles, source, model, document, core.
"""
