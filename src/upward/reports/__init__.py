"""Charts and report rendering shared by the CLI and the web app.

Every published aggregate goes through :func:`upward.reports.disclosure.suppress`.
"""
