"""The deployment example in deploy/, checked statically: it parses, every service is health-checked,
two or more app replicas share the database, and the proxy keeps each browser on one replica."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

DEPLOY = REPO / "deploy"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return dict(compose["services"])


def app_services(services: dict[str, Any]) -> list[str]:
    """The app replicas: services on the catalogue database health-checked on Streamlit's endpoint."""
    return [name for name, service in services.items()
            if "ECOSITES_DATABASE_URL" in service.get("environment", {})
            and "/_stcore/health" in " ".join(service.get("healthcheck", {}).get("test", []))]


def test_every_service_has_a_health_check(services: dict[str, Any]) -> None:
    missing = [name for name, service in services.items()
               if not service.get("healthcheck", {}).get("test")]
    assert missing == []


def test_two_or_more_app_replicas_share_one_postgis_database(services: dict[str, Any]) -> None:
    apps = app_services(services)
    assert len(apps) >= 2
    urls = {services[name]["environment"]["ECOSITES_DATABASE_URL"] for name in apps}
    assert len(urls) == 1
    assert next(iter(urls)).startswith("postgresql://")
    assert "postgis" in services["db"]["image"]
    assert all(services[name]["depends_on"]["init"]["condition"] == "service_completed_successfully"
               for name in apps)


def test_the_proxy_is_sticky_and_reaches_every_replica(services: dict[str, Any]) -> None:
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    upstream = re.search(r"upstream \w+ \{(.*?)\}", nginx, re.S)
    assert upstream is not None
    assert re.search(r"^\s*ip_hash;", upstream.group(1), re.M)
    servers = re.findall(r"server (\w+):8501;", upstream.group(1))
    assert sorted(servers) == sorted(app_services(services))
    assert "proxy_set_header Upgrade $http_upgrade;" in nginx  # Streamlit's WebSocket
    mounted = services["proxy"]["volumes"][0].split(":")[0]
    assert (DEPLOY / mounted).resolve() == (DEPLOY / "nginx.conf").resolve()


def test_the_image_runs_the_app_with_its_config_and_pinned_requirements() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY requirements.txt" in dockerfile
    assert "-r requirements.txt" in dockerfile
    assert "COPY .streamlit/config.toml" in dockerfile  # static serving of Leaflet
    assert re.search(r'CMD \["streamlit", "run", "streamlit_app.py"', dockerfile)
    copied = set(re.findall(r"^COPY (\S+) ", dockerfile, re.M))
    needed = {"components", "ecosites", "geodata", "pages", "static", "streamlit_app.py"}
    assert needed <= {Path(c).name for c in copied}
    assert all((REPO / n).exists() for n in needed)
