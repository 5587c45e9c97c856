"""Load one agreement and run every rule on it; samverkan.yaml; whole-repository checks.
May import render, writers, rules, profiles, source, model, document and core.
"""
