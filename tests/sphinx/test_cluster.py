"""``fahras cluster start|status|stop`` on real searchd processes bound to 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket

from click.testing import CliRunner

from fahras.cli import main
from indexer.lock import pid_alive
from search.sphinx_backend import cluster as cl


def _listening_addresses(pid: int) -> set[str]:
    """Local addresses of the TCP sockets a process listens on (from /proc)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}")
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # LISTEN
                host, port = parts[1].split(":")
                found.add(f"{socket.inet_ntoa(bytes.fromhex(host)[::-1])}:{int(port, 16)}")
    return found


def test_start_status_stop_through_the_cli(make_cluster, tmp_path):
    cluster = make_cluster(shards=2)  # picks free ports; the CLI then finds it running
    runner = CliRunner()
    out = runner.invoke(main, ["cluster", "start", "--shards", "2", "--dir", str(cluster.directory),
                               "--port-base", str(cluster.coordinator_port)])
    assert out.exit_code == 0, out.output
    assert out.output.strip() == f"127.0.0.1:{cluster.coordinator_port}"

    out = runner.invoke(main, ["cluster", "status", "--dir", str(cluster.directory), "--json"])
    assert out.exit_code == 0, out.output
    nodes = json.loads(out.output)["nodes"]
    assert [(n["role"], n["documents"]) for n in nodes] == [("coordinator", 0), ("shard", 0), ("shard", 0)]
    assert all(isinstance(n["pid"], int) and isinstance(n["port"], int) for n in nodes)
    for n in nodes:  # every node listens on loopback only
        assert _listening_addresses(n["pid"]) and all(
            a.startswith("127.0.0.1:") for a in _listening_addresses(n["pid"]))

    out = runner.invoke(main, ["cluster", "stop", "--dir", str(cluster.directory)])
    assert out.exit_code == 0 and out.output.startswith("stopped 3")
    assert all(not pid_alive(n["pid"]) for n in nodes)
    out = runner.invoke(main, ["cluster", "status", "--dir", str(cluster.directory)])
    assert out.exit_code == 1 and out.output.count("down") == 3


def test_a_stopped_cluster_starts_again_with_its_data(make_cluster, import_file, tmp_path):
    cluster = make_cluster(shards=2)
    write = tmp_path / "docs.jsonl"
    write.write_text('{"id": "a", "title": "كتاب"}\n{"id": "b", "body": "قلم"}\n', encoding="utf-8")
    import_file(cluster, write)
    cl.stop(cluster.directory)
    again = cl.start(cluster.directory, 2, cluster.coordinator_port)
    assert [n["documents"] for n in cl.status(again.directory)["nodes"]][0] == 2


def test_a_cluster_of_another_size_in_the_same_directory_is_refused(make_cluster):
    cluster = make_cluster(shards=1)
    runner = CliRunner()
    out = runner.invoke(main, ["cluster", "start", "--shards", "3", "--dir", str(cluster.directory)])
    assert out.exit_code == 1
    assert "already holds a cluster of 1 shards" in out.output


def test_a_taken_port_is_a_clear_error(make_cluster, tmp_path):
    first = make_cluster(shards=1, name="first")
    runner = CliRunner()
    out = runner.invoke(main, ["cluster", "start", "--shards", "1", "--dir", str(tmp_path / "second"),
                               "--port-base", str(first.coordinator_port)])
    assert out.exit_code == 1
    assert "taken" in out.output


def test_status_of_a_directory_without_a_cluster(tmp_path):
    out = CliRunner().invoke(main, ["cluster", "status", "--dir", str(tmp_path)])
    assert out.exit_code == 1
    assert "holds no cluster" in out.output


def test_a_coordinator_address_is_a_cluster():
    cluster = cl.locate("10.1.2.3:9306")
    assert (cluster.host, cluster.coordinator_port, cluster.directory) == ("10.1.2.3", 9306, None)


def test_an_existing_cluster_gets_this_versions_configuration(tmp_path):
    """A cluster made by an older Fahras (here: a shard configuration without the field cut) runs
    with the current settings once `cluster start` sees it again."""
    made = cl.create(tmp_path / "c", 1, 9990)
    conf = made.conf(made.shards[0])
    current = conf.read_text(encoding="utf-8")
    conf.write_text(current.replace("max_xmlpipe2_field", "# max_xmlpipe2_field"), encoding="utf-8")
    again = cl.create(tmp_path / "c", 1)
    assert again.coordinator_port == 9990
    assert conf.read_text(encoding="utf-8") == current


def test_a_rotation_whose_signal_was_lost_is_asked_for_again(make_cluster, import_file, sample_path):
    """The files of a reload wait as NAME.new.* until searchd rotates them in on SIGHUP; a signal
    that came during another rotation can be lost, and the import then failed after 120 s. Here
    no signal is sent at all: the wait asks again and the rotation happens."""
    import time

    from search.sphinx_backend import config, importer

    cluster = make_cluster(shards=1)
    import_file(cluster, sample_path)
    node = cluster.shards[0]
    data = cluster.node_dir(node) / "data"
    for name in config.INDEXES:
        for path in data.glob(f"{name}.*"):
            ext = path.name[len(name) + 1:]
            if "." not in ext and ext != "spl":
                os.link(path, data / f"{name}.new.{ext}")
    started = time.monotonic()
    assert importer._wait_rotated(cluster, node, list(config.INDEXES))
    assert time.monotonic() - started < importer.RESIGNAL_SECONDS + 30
    assert not list(data.glob("*.new.*"))
