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
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 agentfleet
USER agentfleet
ENV AGENTFLEET_DATA_DIR=/var/lib/agentfleet
ENTRYPOINT ["agentfleet"]
CMD ["--help"]
