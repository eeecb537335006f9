# downstream as a GitHub container action: build on Debian 12, ship the binary and its runtime
# libraries only.
FROM debian:12 AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      build-essential cmake ninja-build pkg-config git ca-certificates npm \
      libgit2-dev libpg-query-dev libprotobuf-c-dev libtree-sitter-dev nlohmann-json3-dev \
      libcli11-dev doctest-dev libyaml-cpp-dev libcurl4-openssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOWNSTREAM_BUILD_TESTS=OFF \
 && cmake --build /build --target downstream \
 && strip /build/src/cli/downstream

FROM debian:12-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libgit2-1.5 libpg-query1504.0 libyaml-cpp0.7 libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/src/cli/downstream /usr/local/bin/downstream
COPY scripts/action-entrypoint.sh /usr/local/bin/downstream-action
ENTRYPOINT ["/usr/local/bin/downstream-action"]
