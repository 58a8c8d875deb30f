"""Outreach's pages, one module per part: schools, opportunities and volunteering, impact."""
