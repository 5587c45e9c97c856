"""The public version (`build --publik`): personal data found and removed, then scanned for.
May import messages, check, render, writers, rules, orgchart and below; only `build` imports it.
"""
