"""The organisation chart drawn as SVG and PNG from the data; the årshjul reuses its drawing.
May import model, document and core; independent of rules.
"""
