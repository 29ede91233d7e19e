"""Shared steps of bench/run and bench/load: building, generating a corpus, timing child
processes (wall time and peak RSS), serving a database and loading it with wrk.

Everything runs on this machine and talks only to 127.0.0.1. Every wait is bounded.
"""
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print(message, file=sys.stderr, flush=True)


def build(build_dir, build_type="Release"):
    """Builds briefings, search-bench and fts5-peer in `build_dir` (build_type None: keep
    the folder's own, for a smoke run over an existing build)."""
    configure = ["cmake", "-S", ROOT, "-B", build_dir]
    if build_type:
        configure.append("-DCMAKE_BUILD_TYPE=" + build_type)
    subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 2), "--target",
                    "briefings", "search-bench", "fts5-peer"], check=True,
                   stdout=subprocess.DEVNULL)
    return {
        "briefings": os.path.join(build_dir, "cli", "briefings"),
        "search_bench": os.path.join(build_dir, "bench", "search-bench"),
        "peer": os.path.join(build_dir, "bench", "fts5-peer"),
    }


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_gib, 1),
            "kernel": platform.release()}


def generate(n, out, seed=1):
    if os.path.exists(out):
        shutil.rmtree(out)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-corpus"), "--seed",
                    str(seed), str(n), out], check=True, stdout=subprocess.DEVNULL)


def timed(argv, timeout, stdin=None, env=None):
    """Runs argv to completion; returns (seconds, stdout). Raises on failure or when it runs
    past `timeout` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RuntimeError("%s ran past %d s" % (argv[0], timeout))
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(argv), proc.returncode,
                                                   err.decode(errors="replace")[-2000:]))
    return seconds, out


def timed_rss(argv, timeout):
    """Like timed(), also returning the child's peak RSS in MiB (from wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise RuntimeError("%s ran past %d s" % (argv[0], timeout))
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(argv), proc.returncode, err[-2000:]))
    return seconds, usage.ru_maxrss / 1024.0


def size_mib(path):
    if os.path.isfile(path):
        return os.path.getsize(path) / 2**20
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(dirpath, name))
    return total / 2**20


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def api_path(fields):
    kind, q, domain, since, until = (fields + [""] * 5)[:5]
    params = [("q", q)]
    if domain:
        params.append(("domain", domain))
    if since:
        params.append(("since", since))
    if until:
        params.append(("until", until))
    return "/api/search?" + urllib.parse.urlencode(params)


class Server:
    """`briefings serve` on 127.0.0.1 and a free port, stopped with SIGTERM on exit."""

    def __init__(self, binary, db, threads=None, extra=()):
        argv = [binary, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0"]
        if threads:
            argv += ["--threads", str(threads)]
        argv += list(extra)
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()  # "Serving DB at http://127.0.0.1:PORT/"
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if not match:
            self.proc.kill()
            raise RuntimeError("serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = match.group(1)

    def warm_up(self, paths_file):
        """Requests every path once, in order, as a first visitor would."""
        with open(paths_file) as f:
            for path in f.read().split():
                with urllib.request.urlopen(self.url + path, timeout=30) as response:
                    response.read()

    def peak_rss_mib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def http_overhead(url, paths_file, passes=2):
    """Asks every path `passes` times, one request at a time on one keep-alive connection,
    and compares the time each took at the client (request sent to body read) with the time
    the server says it took to make the answer (its Server-Timing header: parameters,
    search and JSON text, the work search-bench times in process). Both clocks see the same
    requests at the same moment, so a busy machine slows both alike; the difference is what
    HTTP and the client add. Returns the means in ms and the overhead in %."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    with open(paths_file) as f:
        paths = f.read().split()
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    client, server = [], []
    try:
        for _ in range(passes):
            for path in paths:
                start = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                client.append((time.perf_counter() - start) * 1000)
                timing = re.search(r"app;dur=([0-9.]+)", response.getheader("Server-Timing", ""))
                if not timing:
                    raise RuntimeError("no Server-Timing header in the answer to " + path)
                server.append(float(timing.group(1)))
    finally:
        conn.close()
    client_mean, server_mean = sum(client) / len(client), sum(server) / len(server)
    return {"client_mean_ms": client_mean, "server_mean_ms": server_mean,
            "overhead_pct": 100 * (client_mean / server_mean - 1)}


def wrk(url, paths_file, connections, seconds, threads=None):
    """Runs wrk with bench/wrk-mix.lua; returns its JSON summary."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (Debian package wrk; scripts/setup installs it)")
    threads = threads or min(connections, os.cpu_count() or 2)
    env = dict(os.environ, BENCH_PATHS=paths_file)
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", "%ds" % seconds,
            "--timeout", "10s", "-s", os.path.join(ROOT, "bench", "wrk-mix.lua"), url]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True,
                         timeout=seconds + 60).stdout
    for line in out.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            result["errors"] = sum(result[k] for k in ("connect_errors", "read_errors",
                                                       "write_errors", "status_errors",
                                                       "timeouts"))
            return result
    raise RuntimeError("wrk printed no summary:\n" + out)
