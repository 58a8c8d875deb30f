import subprocess
import sys


def test_judging_imports_no_django_or_pandas():
    # pandas is only for Results.to_frame() and the bench; importing the library must not load it.
    code = (
        "import upward.judging, sys; "
        "bad = [m for m in sys.modules if m.startswith(('django', 'upward.web', 'pandas'))]; "
        "assert not bad, bad"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
