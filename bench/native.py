"""Native HiGHS reference for `npm run bench`: solves MPS files with scipy's linprog(method='highs').

Usage: /usr/bin/python3 bench/native.py REPEATS [FILE.mps ...]  (no file: checks that scipy loads)
Prints one JSON object: per file the minimum and median solve seconds over REPEATS cold solves,
the objective, status and iteration count. "Solve" is the call into HiGHS that linprog makes
(model handed over, presolve, simplex, postsolve, solution copied back), timed by wrapping scipy's
_highs_wrapper; the linprog wall time, which adds scipy's input checks and conversions, is
reported next to it. Tolerances match Lodestone's (primal and dual feasibility 1e-9).

scipy has no MPS reader, so a small free-MPS reader follows. It covers what HiGHS writes for an
LP: ROWS (N, E, L, G), COLUMNS, RHS (an objective entry is a constant), RANGES and BOUNDS
(UP, LO, FX, FR, MI, PL). Rows keep their order; a ranged row becomes two inequalities, since
linprog takes only A_ub x <= b_ub and A_eq x = b_eq.
"""

import json
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.optimize._linprog_highs as linprog_highs
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def read_mps(path):
    rows, row_index, obj_row = [], {}, None  # rows: [name, type]
    cols, col_index = [], {}
    entries_r, entries_c, entries_v = [], [], []
    cost, rhs, ranges, lower, upper = {}, {}, {}, {}, {}
    offset = 0.0
    section = None
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith('*'):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            t = line.split()
            if section == 'ROWS':
                kind, name = t
                if kind == 'N':
                    obj_row = obj_row or name
                    continue
                row_index[name] = len(rows)
                rows.append(kind)
            elif section == 'COLUMNS':
                if len(t) >= 3 and t[1] == "'MARKER'":
                    continue
                col = t[0]
                if col not in col_index:
                    col_index[col] = len(cols)
                    cols.append(col)
                j = col_index[col]
                for name, value in zip(t[1::2], t[2::2]):
                    if name == obj_row:
                        cost[j] = cost.get(j, 0.0) + float(value)
                    elif name in row_index:
                        entries_r.append(row_index[name])
                        entries_c.append(j)
                        entries_v.append(float(value))
            elif section in ('RHS', 'RANGES'):
                pairs = t[1:] if len(t) % 2 == 1 else t
                for name, value in zip(pairs[0::2], pairs[1::2]):
                    if section == 'RHS' and name == obj_row:
                        offset = -float(value)
                    elif section == 'RHS':
                        rhs[row_index[name]] = float(value)
                    else:
                        ranges[row_index[name]] = float(value)
            elif section == 'BOUNDS':
                kind, col = t[0], t[2]
                j = col_index[col]
                value = float(t[3]) if len(t) > 3 else 0.0
                if kind == 'UP':
                    upper[j] = value
                elif kind == 'LO':
                    lower[j] = value
                elif kind == 'FX':
                    lower[j] = upper[j] = value
                elif kind == 'FR':
                    lower[j], upper[j] = -np.inf, np.inf
                elif kind == 'MI':
                    lower[j] = -np.inf
                elif kind == 'PL':
                    upper[j] = np.inf
                else:
                    raise ValueError(f'{path}: bound type {kind} not supported')
    m, n = len(rows), len(cols)
    lo, hi = np.full(m, -np.inf), np.full(m, np.inf)
    for i, kind in enumerate(rows):
        b = rhs.get(i, 0.0)
        r = ranges.get(i)
        if kind == 'E':
            lo[i] = hi[i] = b
            if r is not None:
                lo[i], hi[i] = (b, b + r) if r > 0 else (b + r, b)
        elif kind == 'L':
            hi[i] = b
            if r is not None:
                lo[i] = b - abs(r)
        elif kind == 'G':
            lo[i] = b
            if r is not None:
                hi[i] = b + abs(r)
    A = csr_matrix((entries_v, (entries_r, entries_c)), shape=(m, n))
    c = np.zeros(n)
    for j, v in cost.items():
        c[j] = v
    bounds = np.column_stack([
        np.array([lower.get(j, 0.0) for j in range(n)]),
        np.array([upper.get(j, np.inf) for j in range(n)]),
    ])
    return c, A, lo, hi, bounds, offset


def linprog_form(A, lo, hi):
    """A_ub x <= b_ub and A_eq x = b_eq from lo <= A x <= hi, rows in file order."""
    eq = lo == hi
    up = ~eq & np.isfinite(hi)
    down = ~eq & np.isfinite(lo)
    A_ub = scipy.sparse.vstack([A[up], -A[down]]).tocsr()
    b_ub = np.concatenate([hi[up], -lo[down]])
    return A_ub, b_ub, A[eq], lo[eq]


highs_seconds = []
_highs_wrapper = linprog_highs._highs_wrapper


def timed_wrapper(*args, **kwargs):
    t = time.perf_counter()
    result = _highs_wrapper(*args, **kwargs)
    highs_seconds.append(time.perf_counter() - t)
    return result


linprog_highs._highs_wrapper = timed_wrapper


def solve(path, repeats):
    c, A, lo, hi, bounds, offset = read_mps(path)
    A_ub, b_ub, A_eq, b_eq = linprog_form(A, lo, hi)
    options = {'primal_feasibility_tolerance': 1e-9, 'dual_feasibility_tolerance': 1e-9}
    solve_s, wall_s = [], []
    for _ in range(repeats):
        highs_seconds.clear()
        t = time.perf_counter()
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                      method='highs', options=options)
        wall_s.append(time.perf_counter() - t)
        solve_s.append(sum(highs_seconds))
    return {
        'file': path,
        'rows': int(A.shape[0]),
        'cols': int(A.shape[1]),
        'nonzeros': int(A.nnz),
        'status': int(res.status),
        'message': res.message,
        'objective': float(res.fun) + offset if res.fun is not None else None,
        'iterations': int(res.nit),
        'solve_median_s': statistics.median(solve_s),
        'solve_min_s': min(solve_s),
        'linprog_median_s': statistics.median(wall_s),
    }


if __name__ == '__main__':
    repeats = int(sys.argv[1])
    if len(sys.argv) > 2:
        solve(sys.argv[2], 1)  # warm-up: library loading and first-call costs are not the solve's
    results = [solve(p, repeats) for p in sys.argv[2:]]
    print(json.dumps({'scipy': scipy.__version__, 'numpy': np.__version__, 'results': results}))
