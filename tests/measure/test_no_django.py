import subprocess
import sys


def test_measure_imports_no_django():
    code = (
        "import upward.measure, upward.measure.datasets, sys; "
        "assert not any(m.startswith('django') for m in sys.modules), "
        "[m for m in sys.modules if m.startswith('django')]"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
