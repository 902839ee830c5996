# alicloud-mock container: multi-stage; a small final image running as a non-root user.
# The build step is the same command .ci/run uses.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bins

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin mock
COPY --from=build /src/target/release/alicloud-mock /usr/local/bin/alicloud-mock
COPY scenarios /scenarios
ENV ALICLOUD_MOCK_LISTEN=0.0.0.0:4590
EXPOSE 4590
USER mock
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=5 CMD ["alicloud-mock", "health"]
ENTRYPOINT ["alicloud-mock", "serve"]
