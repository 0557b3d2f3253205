"""Access: who may do what. Accounts, roles, sign-in, sessions and the throttle (auth), and the
HTTP routes that set and clear the sign-in cookie (web).

May import store (its tables, audit log and clock).
"""
