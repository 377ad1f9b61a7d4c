# The agentfleet service image: workers, beat, ingest and flower (the command picks the role).
# Sandboxes are separate: workers/Dockerfile builds the image untrusted code runs in.
ARG BASE=python:3.12-slim
FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends git bubblewrap \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/agentfleet
COPY pyproject.toml README.md ./
COPY agentfleet ./agentfleet
COPY workers ./workers
COPY beat ./beat
RUN pip install --no-cache-dir '.[postgres]' \
    && useradd --create-home --uid 10001 agentfleet \
    && mkdir -p /var/lib/agentfleet && chown agentfleet:agentfleet /var/lib/agentfleet
USER agentfleet
# The bwrap backend runs this image's Python inside sandboxes (python:*-slim keeps it under /usr/local).
ENV AGENTFLEET_DATA_DIR=/var/lib/agentfleet \
    AGENTFLEET_SANDBOX__PYTHON=/usr/local/bin/python3
ENTRYPOINT ["agentfleet"]
CMD ["--help"]
