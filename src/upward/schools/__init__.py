"""The schools register, without Django: the GIAS reader and distances.

Pure Python (stdlib only) like :mod:`upward.reports`: the web app's outreach
import and the ``upward schools`` command both use it.
"""
