"""The deployment files do what the README promises: a private data folder the service user can write."""

from __future__ import annotations

import re

import paths

DEPLOY = paths.ROOT / "deploy"


def test_systemd_install_steps_create_every_writable_path_for_the_service_user():
    unit = (DEPLOY / "declaration-bot.service").read_text(encoding="utf-8")
    user = re.search(r"^User=(\S+)$", unit, re.M).group(1)
    writable = re.search(r"^ReadWritePaths=(.+)$", unit, re.M).group(1).split()
    steps = [line.lstrip("# ") for line in unit.splitlines() if line.startswith("#   sudo ")]
    data = next(path for path in writable if path.endswith("/data"))
    assert f"sudo install -d -m 0700 -o {user} -g {user} {data}" in steps
    for path in writable:
        assert any(path in step and user in step for step in steps), path


def test_docker_image_makes_the_data_folder_private_to_the_bot_user():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^RUN mkdir -p data && chown bot:bot data && chmod 0700 data$", dockerfile, re.M)
