"""`samverkan kalender`: an agreement's year as events, an iCalendar file and an årshjul.
May import messages, check, render, writers, rules, orgchart and below.
"""
