"""Outreach's reads, each taking the viewer."""

from upward.web.outreach.selectors.schools import (
    DirectoryRow,
    offices,
    priority_fsm_percent,
    schools_directory,
)

__all__ = ["DirectoryRow", "offices", "priority_fsm_percent", "schools_directory"]
