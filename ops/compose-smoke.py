#!/usr/bin/env python3
"""Runs the very commands docker-compose.yml gives its services, against a local broker.

There is no Docker engine on CI machines, so the compose file is proven in two steps: `docker-compose
config` must accept it, and then the resolved configuration is executed here: broker-setup's script
loads ops/rabbitmq/definitions.json, then rs, two ts1 workers (as `--scale ts1=2`), ts2 and the
client run with the services' own arguments and environment, as the least-privilege users. Only
what a container provides is mapped: its volumes to their host folders, /app/dns-broker.jar to
target/dns-broker.jar, METRICS_PORT to a free port (the containers share no ports, processes
here do) and TIMEOUT to a CI-sized deadline. Everything lives in a throwaway vhost under
prefixed user names, deleted at the end.

Environment: ADMIN_USER / ADMIN_PASSWORD (default guest/guest) of the local broker.
"""
import base64
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR_IN_IMAGE = "/app/dns-broker.jar"
ADMIN = (os.environ.get("ADMIN_USER", "guest"), os.environ.get("ADMIN_PASSWORD", "guest"))
MANAGEMENT = "http://127.0.0.1:15672"
# The one setting changed besides ports: the runs passed with the 2 s default at load average 14
# on this 2-core box, but five JVMs starting together on a busier CI box can miss it, and a
# TIMED OUT line would say nothing about compose.
DEADLINE = "5s"


def fail(message):
    print("compose-smoke: FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def api(method, path):
    request = urllib.request.Request(MANAGEMENT + path, method=method)
    request.add_header("Authorization", "Basic " + base64.b64encode(":".join(ADMIN).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def image_entrypoint():
    text = open(os.path.join(ROOT, "ops", "Dockerfile")).read()
    return json.loads(re.search(r"^ENTRYPOINT\s+(\[.*\])\s*$", text, re.M).group(1))


def host_command(service, volumes_override=None):
    """The service's entrypoint and command, with container paths mapped to host paths."""
    argv = (service.get("entrypoint") or image_entrypoint()) + (service.get("command") or [])
    mounts = {}
    for volume in service.get("volumes", []):
        host, container = volume.split(":")[:2]
        mounts[container] = host
    mounts.update(volumes_override or {})
    mounts[JAR_IN_IMAGE] = os.path.join(ROOT, "target", "dns-broker.jar")
    mapped = []
    for arg in argv:
        for container in sorted(mounts, key=len, reverse=True):
            if arg == container or arg.startswith(container + "/"):
                arg = mounts[container] + arg[len(container):]
                break
        mapped.append(arg)
    return mapped


def service_env(service, **extra):
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (service.get("environment") or {}).items()})
    env.update(extra)
    return env


def main():
    suffix = str(os.getpid())
    vhost, prefix = "dnsbroker-ci-" + suffix, "ci" + suffix + "-"
    overrides = {"BROKER_HOST": "127.0.0.1", "BROKER_VHOST": vhost, "USER_PREFIX": prefix,
                 "RABBITMQ_ADMIN_USER": ADMIN[0], "RABBITMQ_ADMIN_PASSWORD": ADMIN[1]}
    compose_env = dict(os.environ, **overrides)
    subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, env=compose_env, check=True)
    config = yaml.safe_load(subprocess.check_output(["docker-compose", "--profile", "client", "config"], cwd=ROOT, env=compose_env))
    services = config["services"]
    for name in ("rabbitmq", "broker-setup", "rs", "ts1", "ts2", "client"):
        if name not in services:
            fail("docker-compose.yml has no service " + name)
    check_prometheus_config(services)
    print("compose-smoke: docker-compose config accepts docker-compose.yml; running its services in vhost " + vhost)

    workdir = tempfile.mkdtemp(prefix="compose-smoke-")
    roles = []
    try:
        setup = services["broker-setup"]
        subprocess.run(host_command(setup), cwd=ROOT, env=service_env(setup), check=True)

        metrics = {}
        for name in ("ts1", "ts1", "ts2", "rs"):
            port = free_port()
            log = open(os.path.join(workdir, "%s-%d.log" % (name, len(roles))), "w+")
            process = subprocess.Popen(host_command(services[name]), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                       env=service_env(services[name], METRICS_PORT=str(port), TIMEOUT=DEADLINE))
            roles.append((name, process, log))
            metrics.setdefault(name, port)
        for name, process, log in roles:
            wait_for(log, name + " connected to", process)
        time.sleep(1.5)  # RS's view of which groups have consumers refreshes every 500 ms

        client = services["client"]
        out = os.path.join(workdir, "out")
        os.mkdir(out)
        result = subprocess.run(host_command(client, {"/out": out}), cwd=ROOT, env=service_env(client, TIMEOUT=DEADLINE),
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            fail("client exited %d: %s" % (result.returncode, result.stderr))
        check_resolved(os.path.join(out, "RESOLVED.txt"))
        check_metrics(metrics["rs"], metrics["ts1"])

        for name, process, log in roles:
            process.terminate()
        for name, process, log in roles:
            code = process.wait(timeout=30)
            log.seek(0)
            text = log.read()
            if code not in (0, 143):
                fail("%s exited %d on SIGTERM:\n%s" % (name, code, text))
            if name.startswith("ts") and name + " stopped; handed back" not in text:
                fail("%s did not log its graceful stop:\n%s" % (name, text))
        print("compose-smoke: every role stopped gracefully on SIGTERM")
    finally:
        for name, process, log in roles:
            if process.poll() is None:
                process.kill()
        api("DELETE", "/api/vhosts/" + vhost)
        for user in ("client", "ts", "rs"):
            api("DELETE", "/api/users/" + prefix + user)


def check_prometheus_config(services):
    """ops/prometheus.yml scrapes every role service and the broker, on the ports they serve."""
    config = yaml.safe_load(open(os.path.join(ROOT, "ops", "prometheus.yml")))
    scraped = set()
    for job in config["scrape_configs"]:
        for sd in job.get("dns_sd_configs", []):
            scraped.update("%s:%s" % (name, sd["port"]) for name in sd["names"])
        for static in job.get("static_configs", []):
            scraped.update(static["targets"])
    for name in ("rs", "ts1", "ts2"):
        wanted = "%s:%s" % (name, services[name]["environment"]["METRICS_PORT"])
        if wanted not in scraped:
            fail("ops/prometheus.yml does not scrape " + wanted)
    if "rabbitmq:15692" not in scraped:
        fail("ops/prometheus.yml does not scrape the broker's rabbitmq:15692")


def wait_for(log, text, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        log.seek(0)
        content = log.read()
        if text in content:
            return
        if process.poll() is not None:
            fail("exited %d before '%s':\n%s" % (process.returncode, text, content))
        time.sleep(0.2)
    fail("no '%s' within %d s" % (text, seconds))


def check_resolved(path):
    names = [line.strip() for line in open(os.path.join(ROOT, "tables", "PROJ2-HNS.txt")) if line.strip()]
    lines = open(path).read().splitlines()
    if len(lines) != len(names):
        fail("%d answer lines for %d names" % (len(lines), len(names)))
    found = 0
    for name, line in zip(names, lines):
        if line.endswith(" A IN"):
            found += 1
        elif line not in (name + " - Error:HOST NOT FOUND", name + " - Error:INVALID NAME"):
            fail("unexpected answer line for %s: %s" % (name, line))
    if found == 0:
        fail("no name was found in the tables")
    print("compose-smoke: client resolved %d names (%d found) in input order" % (len(lines), found))


def scrape(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=10) as response:
        samples = {}
        for line in response.read().decode().splitlines():
            if line and not line.startswith("#"):
                series, value = line.rsplit(" ", 1)
                samples[series] = float(value)
        return samples


def check_metrics(rs_port, ts1_port):
    rs = scrape(rs_port)
    received = rs.get("dnsbroker_rs_queries_received_total", -1)
    answered = sum(v for k, v in rs.items() if k.startswith("dnsbroker_rs_answers_total{"))
    if received <= 0 or received != answered:
        fail("rs metrics: %s queries received, %s answered" % (received, answered))
    if not any(k.startswith("dnsbroker_ts_lookups_total{") for k in scrape(ts1_port)):
        fail("ts1 serves no dnsbroker_ts_lookups_total")
    print("compose-smoke: rs /metrics: %d queries received = answers by status summed" % received)


if __name__ == "__main__":
    main()
