#!/usr/bin/python3
# Runs ../shared/zuul-oracle/zuul-oracle.py on many folders in one Python
# process: Zuul and its drivers are imported once, so a run costs the loading
# of the tenant only. Requests on stdin, one JSON object per line:
#   {"id": ..., "argv": ["FOLDER", "--tenant-config", "main.yaml", ...]}
# Answers on stdout, one JSON object per line:
#   {"id": ..., "rc": 0|1|2|3, "result": {...oracle output...} | null, "error": "..."}
import contextlib
import importlib.util
import io
import json
import os
import sys
import traceback

ORACLE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'zuul-oracle', 'zuul-oracle.py')
spec = importlib.util.spec_from_file_location('zuul_oracle', ORACLE)
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)
out = sys.stdout
# The oracle prints its JSON on stdout; so would a stray print of Zuul's.
sys.stdout = sys.stderr
out.write(json.dumps({'ready': True}) + '\n')
out.flush()
for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    buf = io.StringIO()
    answer = {'id': req.get('id'), 'rc': 3, 'result': None}
    sys.argv = ['zuul-oracle'] + list(req['argv'])
    try:
        with contextlib.redirect_stdout(buf):
            answer['rc'] = oracle.main()
    except SystemExit as e:
        answer['rc'] = e.code if isinstance(e.code, int) else 2
        answer['error'] = str(e.code) if not isinstance(e.code, int) else ''
    except Exception:
        answer['error'] = traceback.format_exc()[-4000:]
    text = buf.getvalue()
    if text.strip():
        try:
            answer['result'] = json.loads(text)
        except ValueError:
            answer['error'] = (answer.get('error') or '') + text[-2000:]
    out.write(json.dumps(answer) + '\n')
    out.flush()
