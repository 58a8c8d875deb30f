"""Flags on any registered content and the review queue's flagged items."""
