# alicloud-mock container: multi-stage; a small final image running as a non-root user.
FROM rust:1-bookworm AS build
WORKDIR /src
# The dependencies first, in a layer of their own, so a source change does not rebuild them:
# a stand-in crate with the real manifest and lock file.
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src benches \
 && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && echo 'fn main() {}' > benches/load.rs \
 && cargo build --release --locked --bin alicloud-mock \
 && rm -rf src benches
COPY . .
# Only the server: the benchmark program is not part of the image.
RUN touch src/main.rs src/lib.rs && cargo build --release --locked --bin alicloud-mock

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin mock
COPY --from=build /src/target/release/alicloud-mock /usr/local/bin/alicloud-mock
COPY scenarios /scenarios
# The ready file tells `alicloud-mock health` where the server listens and its admin token,
# whether they came from these variables or from arguments (docker run IMAGE --listen ...).
ENV ALICLOUD_MOCK_LISTEN=0.0.0.0:4590 ALICLOUD_MOCK_READY_FILE=/tmp/alicloud-mock.ready
EXPOSE 4590
USER mock
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=5 CMD ["alicloud-mock", "health"]
ENTRYPOINT ["alicloud-mock", "serve"]
