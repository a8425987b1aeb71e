"""The hosting settings: `.streamlit/config.toml` pins them with option names the installed Streamlit
knows, and `deploy/nginx.conf` adds what Streamlit cannot (framing and content-security headers, the
metrics endpoint closed, a link Streamlit would drop refused with a message)."""

import re
import shutil
import subprocess
import tomllib

import pytest
from streamlit import config as st_config

from .conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
NGINX = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_every_pinned_option_is_one_streamlit_knows():
    st_config.get_config_options()
    names = {f"{section}.{key}" for section, options in CONFIG.items() if isinstance(options, dict)
             for key in options if not isinstance(options[key], dict)}  # fmt: skip
    assert names and not names - set(st_config._config_options)


def test_hosting_settings_are_pinned():
    server = CONFIG["server"]
    assert server["maxMessageSize"] <= 50
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert server["corsAllowedOrigins"] == []
    assert server["maxUploadSize"] == 1 and server["enableStaticServing"] is True  # the data packages
    assert server["enableExpensiveMemoryStats"] is False
    assert "cookieSecret" not in server  # from the environment, never in the repository
    assert CONFIG["browser"]["gatherUsageStats"] is False and CONFIG["client"]["showErrorDetails"] == "none"


def test_the_cookie_secret_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", "from-the-environment")
    st_config.get_config_options(force_reparse=True)
    try:
        assert st_config.get_option("server.cookieSecret") == "from-the-environment"
    finally:
        monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET")
        st_config.get_config_options(force_reparse=True)


def _header(name: str) -> str:
    found = re.search(rf'add_header {re.escape(name)} "([^"]*)" always;', NGINX)
    assert found, name
    return found.group(1)


def test_the_proxy_forbids_framing_and_sets_a_content_security_policy():
    assert _header("X-Frame-Options") == "DENY"
    csp = dict(part.strip().split(" ", 1) for part in _header("Content-Security-Policy").split(";"))
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert csp["default-src"] == "'self'" and "http" not in _header("Content-Security-Policy")


def test_the_proxy_closes_metrics_and_passes_websockets():
    assert re.search(r"location = /_stcore/metrics \{\s*return 404;", NGINX)
    assert "proxy_set_header Upgrade $http_upgrade;" in NGINX
    assert "proxy_pass http://127.0.0.1:8501;" in NGINX


def test_the_proxy_refuses_a_link_streamlit_would_drop():
    from streamlit.runtime.state import query_params as qp

    pattern = re.search(r'if \(\$args ~ "([^"]+)"\)', NGINX).group(1)
    limit = qp.CLIENT_STATE_QUERY_STRING_MAX_FIELDS
    assert re.search(pattern, "&".join(["actor=Ukraine"] * (limit + 1)))
    assert not re.search(pattern, "&".join(["actor=Ukraine"] * limit))
    assert qp.sanitize_query_string("&".join(["actor=Ukraine"] * (limit + 1))) == ""
    assert qp.sanitize_query_string("&".join(["actor=Ukraine"] * limit))


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_recipe(tmp_path):
    conf = tmp_path / "nginx.conf"
    text = NGINX.replace("listen 443 ssl;", "listen 8443;").replace("http2 on;", "")
    text = re.sub(r"\s*ssl_certificate(_key)? [^;]+;", "", text)
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n{text}\n}}\n", encoding="utf-8")
    run = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
