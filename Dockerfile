# downstream's container image (the action runs it; the pre-commit docker hook builds it). Stage 1
# builds on Debian 12 (the tree-sitter grammars are downloaded from the npm registry by CMake,
# checked by hash: no npm); the final image holds the stripped binary, the entrypoint and the
# shared libraries it loads, nothing else.
FROM debian:12 AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates \
      libgit2-dev libpg-query-dev libprotobuf-c-dev libtree-sitter-dev nlohmann-json3-dev \
      libcli11-dev libyaml-cpp-dev libcurl4-openssl-dev libmimalloc-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only what the binary is built from: a change to tests or docs does not rebuild the image.
COPY CMakeLists.txt ./
COPY cmake cmake
COPY src src
COPY parsers parsers
COPY rules rules
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOWNSTREAM_BUILD_TESTS=OFF \
 && cmake --build /build --target downstream \
 && strip /build/src/cli/downstream \
 && /build/src/cli/downstream version

FROM debian:12-slim
# The runtime libraries of the binary (ldd): libgit2, libpg_query, tree-sitter, yaml-cpp, libcurl,
# mimalloc (the allocator, src/cli/allocator.h).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libgit2-1.5 libpg-query1504.0 libtree-sitter0 libyaml-cpp0.7 libcurl4 libmimalloc2.0 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/src/cli/downstream /usr/local/bin/downstream
COPY scripts/action-entrypoint.sh /usr/local/bin/downstream-action
RUN downstream version
ENTRYPOINT ["/usr/local/bin/downstream-action"]
