"""Notifications for every app: in the app, by email at once or in the weekly digest,
with each person's preferences (models, services, selectors, kinds)."""
