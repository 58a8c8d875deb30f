"""Outreach: the schools register (GIAS import, directory, distances from offices).

Later increments add opportunities, volunteering and the network's events to this app.
No data about children is stored anywhere in it.
"""
