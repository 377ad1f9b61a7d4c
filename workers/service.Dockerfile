# The agentfleet service image: workers, beat, ingest, flower and the dashboard (the command picks the role).
# Sandboxes are separate: workers/Dockerfile builds the image untrusted code runs in.
# With a registry:     docker build -f workers/service.Dockerfile -t agentfleet:latest .
# Without a registry:  workers/build-service-image.sh (builds BASE from this machine's packages, then this file)
ARG BASE=python:3.12-slim
FROM ${BASE}
# The Python the bwrap backend runs inside sandboxes (python:*-slim keeps it under /usr/local).
ARG SANDBOX_PYTHON=/usr/local/bin/python3
# git clones repos, bubblewrap runs sandboxes in Kubernetes pods; the offline base already has both.
RUN if ! command -v git >/dev/null || ! command -v bwrap >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends git bubblewrap && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /opt/agentfleet
COPY pyproject.toml README.md ./
COPY agentfleet ./agentfleet
COPY workers ./workers
COPY beat ./beat
RUN python3 -m venv /opt/agentfleet/venv \
 && /opt/agentfleet/venv/bin/pip install --no-cache-dir --disable-pip-version-check '.[postgres]' \
 && (grep -q '^agentfleet:' /etc/passwd || echo 'agentfleet:x:10001:10001::/var/lib/agentfleet:/bin/sh' >> /etc/passwd) \
 && (grep -q '^agentfleet:' /etc/group || echo 'agentfleet:x:10001:' >> /etc/group) \
 && mkdir -p /var/lib/agentfleet && chown 10001:10001 /var/lib/agentfleet
ENV PATH=/opt/agentfleet/venv/bin:/usr/local/bin:/usr/bin:/bin \
    AGENTFLEET_DATA_DIR=/var/lib/agentfleet \
    AGENTFLEET_SANDBOX__PYTHON=${SANDBOX_PYTHON} \
    LANG=C.UTF-8
USER 10001:10001
ENTRYPOINT ["agentfleet"]
CMD ["--help"]
