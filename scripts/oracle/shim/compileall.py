# Stands in for the standard compileall while ../shared/zuul-oracle/setup.sh
# runs (PYTHONPATH puts this folder first). Some vendored Ansible plugin files
# of the oracle were symlinks and arrive as one-line text files naming their
# target ("../../base/action/command.py"); they cannot be compiled, and Zuul's
# configuration loader never imports them. Any other compile error still fails.
import importlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != HERE]
sys.modules.pop('compileall', None)
real = importlib.import_module('compileall')

LINK_STUB = re.compile(r'^(\.\./)+[\w./-]+\.py\s*$')


def is_link_stub(path):
    try:
        with open(path, encoding='utf-8') as f:
            return bool(LINK_STUB.match(f.read(4096)))
    except (OSError, UnicodeDecodeError):
        return False


def main():
    if real.main():
        return 0
    roots = [a for a in sys.argv[1:] if not a.startswith('-')]
    broken = []
    for root in roots:
        for d, _, files in os.walk(root):
            for n in files:
                p = os.path.join(d, n)
                if not n.endswith('.py'):
                    continue
                try:
                    with open(p, 'rb') as f:
                        compile(f.read(), p, 'exec')
                except SyntaxError:
                    broken.append(p)
    real_errors = [p for p in broken if not is_link_stub(p)]
    if real_errors:
        return 1
    sys.stderr.write('[zuul-authoring] compileall: %d vendored files are symlinks turned into text '
                     '(never imported by the loader); left uncompiled\n' % len(broken))
    return 0


sys.exit(main())
