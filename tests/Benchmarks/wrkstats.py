"""Reads the outputs of wrk that run.sh keeps ($OUT/NAME.RUN.txt, RUN from 1).

    python3 wrkstats.py OUT NAME RUNS   prints "requests/s p50 p99 failed": medians, failed summed over the runs
"""
import re
import statistics
import sys


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def read(out, name, runs):
    """Requests/s, p50 and p99 (ms) of each run, and the failed requests of all (non-2xx/3xx answers and timeouts)."""
    rps, p50, p99, failed = [], [], [], 0
    for run in range(1, runs + 1):
        text = open(f"{out}/{name}.{run}.txt").read()
        rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
        p50.append(_ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups()))
        p99.append(_ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()))
        for pattern in (r"Non-2xx or 3xx responses:\s+(\d+)", r"timeout (\d+)"):
            found = re.search(pattern, text)
            failed += int(found.group(1)) if found else 0
    return rps, p50, p99, failed


if __name__ == "__main__":
    rps, p50, p99, failed = read(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    print(f"{statistics.median(rps):.0f} {statistics.median(p50):.2f} {statistics.median(p99):.2f} {failed}")
