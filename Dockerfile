# briefbot's container image. Settings come only from the environment (or an env file given to
# the container engine); no token or other secret is written into any layer.
#
#   docker build -t briefbot .
#   docker run --rm --env-file .env briefbot            # = briefbot run
#   docker run --rm --env-file .env briefbot db upgrade
#
# BASE_IMAGE must be a Debian-like image with Python 3.11+ and its venv module; both stages use
# it, so the venv's interpreter link stays valid. scripts/container-test builds on a local one.
ARG BASE_IMAGE=python:3.12-slim

FROM ${BASE_IMAGE} AS builder
ARG UV_VERSION=0.13.9
# 1 where HTTPS passes a re-signing proxy whose CA is in the base's trust store (uv otherwise
# trusts only its own bundled roots); unset by default.
ARG UV_SYSTEM_CERTS
# uv from PyPI in a throwaway venv of its own (a Debian python3 refuses a plain pip install).
RUN python3 -m venv /opt/uv && /opt/uv/bin/pip install --no-cache-dir "uv==${UV_VERSION}"
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1
WORKDIR /src
# The dependencies first, from uv.lock exactly (--locked fails if the lock is stale), without the
# test, dev or bench extras; this layer is reused while only the code changes.
COPY pyproject.toml uv.lock ./
RUN /opt/uv/bin/uv sync --locked --no-dev --no-install-project --no-editable --python python3
# Then the project itself, installed into the venv as a wheel (no link back to /src).
COPY README.md ./
COPY examples ./examples
COPY bot ./bot
COPY cli ./cli
COPY ingest ./ingest
COPY local_bot_api ./local_bot_api
COPY outbox ./outbox
COPY rendering ./rendering
COPY runtime ./runtime
COPY storage ./storage
COPY summarizer ./summarizer
COPY tick ./tick
RUN /opt/uv/bin/uv sync --locked --no-dev --no-editable --python python3

FROM ${BASE_IMAGE}
# Only the venv (dependencies and briefbot) leaves the builder: no uv, no sources, no lock.
COPY --from=builder /opt/venv /opt/venv
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/briefbot --create-home \
        --shell /usr/sbin/nologin briefbot
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BRIEFBOT_METRICS_PORT=9090 \
    BRIEFBOT_METRICS_HOST=0.0.0.0
# The default SQLite file (briefbot.db) lands in the working directory; mount a volume here.
WORKDIR /var/lib/briefbot
# by number, so that a runtime can tell it is not root without reading /etc/passwd
USER 10001:10001
EXPOSE 9090
# Python as PID 1 ignores SIGTERM without a handler for it; SIGINT stops the bot cleanly.
STOPSIGNAL SIGINT
# briefbot health asks this instance's /readyz (BRIEFBOT_METRICS_PORT) and exits 1 if not ready.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["briefbot", "health"]
ENTRYPOINT ["briefbot"]
CMD ["run"]
