"""What the user reads besides documents: Swedish and English texts, problem lines, report formats.
May import check, rules and below.
"""
