import subprocess
import sys


def test_matching_imports_no_django():
    code = (
        "import upward.matching, sys; "
        "assert not any(m.startswith(('django', 'upward.web')) for m in sys.modules), "
        "[m for m in sys.modules if m.startswith(('django', 'upward.web'))]"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
