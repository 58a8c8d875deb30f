"""``python -m upward.cli``: the ``upward`` command, for starting it as a child process."""

from upward.cli.main import app

app(prog_name="upward")
