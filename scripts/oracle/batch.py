#!/usr/bin/python3
# Runs ../shared/zuul-oracle/zuul-oracle.py on many folders in one Python
# process: Zuul and its drivers are imported once, so a run costs the loading
# of the tenant only. Requests on stdin, one JSON object per line:
#   {"id": ..., "argv": ["FOLDER", "--tenant-config", "main.yaml", ...]}
# Answers on stdout, one JSON object per line:
#   {"id": ..., "rc": 0|1|2|3, "result": {...oracle output...} | null, "error": "..."}
# With "frozen": true in a request, the answer also carries "frozen": what
# Zuul froze for every job it froze (project, pipeline, job, playbooks in run
# order, nodeset, vars), read off Job.freezeJob during the oracle's freeze_all.
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
FROZEN = None


def plain(v, depth=0):
    if depth > 64:
        return None
    if isinstance(v, dict) or hasattr(v, 'items') and callable(v.items):
        return {str(k): plain(x, depth + 1) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x, depth + 1) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def frozen_record(job, layout, item, change):
    playbooks = []
    for phase, attr in (('pre-run', 'pre_run'), ('run', 'run'), ('post-run', 'post_run'), ('cleanup-run', 'cleanup_run')):
        for pb in getattr(job, attr) or ():
            if pb.source_context:
                playbooks.append([phase, pb.source_context.project_name, pb.path])
    nodes = None
    try:
        alts = job.flattenNodesetAlternatives(layout)
        if alts:
            nodes = sorted([n.name if isinstance(n.name, str) else '/'.join(n.name), n.label] for n in alts[0].nodes.values())
    except Exception:
        nodes = None
    ns = job.nodeset
    try:
        pipeline = item.manager.pipeline.name
    except Exception:
        pipeline = None
    return {'project': change.project.name, 'pipeline': pipeline, 'job': job.name,
            'playbooks': playbooks, 'nodeset': ns if isinstance(ns, str) else getattr(ns, 'name', None),
            'nodes': nodes, 'vars': plain(job.variables)}


# The frozen jobs are read where the oracle freezes them: its freeze_all is
# handed Zuul's model module, and for that run only each Job.freezeJob call
# also records what it freezes. This script imports nothing of Zuul itself.
_freeze_all = oracle.freeze_all


def freeze_all_recording(tenant, layout, model, *rest):
    if FROZEN is None:
        return _freeze_all(tenant, layout, model, *rest)
    freeze_job = model.Job.freezeJob

    def record(self, context, tenant_, layout_, item, change, *args, **kw):
        try:
            FROZEN.append(frozen_record(self, layout_, item, change))
        except Exception:
            FROZEN.append({'job': getattr(self, 'name', None), 'error': traceback.format_exc()[-1000:]})
        return freeze_job(self, context, tenant_, layout_, item, change, *args, **kw)

    model.Job.freezeJob = record
    try:
        return _freeze_all(tenant, layout, model, *rest)
    finally:
        model.Job.freezeJob = freeze_job


oracle.freeze_all = freeze_all_recording

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
    FROZEN = [] if req.get('frozen') else None
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
    if FROZEN is not None:
        answer['frozen'] = FROZEN
    out.write(json.dumps(answer) + '\n')
    out.flush()
