//! alicloud-mock: a local emulator of Alibaba Cloud ECS custom-image sharing, and of the
//! Resource Directory, Resource Sharing, Quota Center, RAM and Simple Application Server
//! calls around it, that real, unmodified Alibaba SDKs talk to.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use alicloud_mock::MockServer;
//! let server = MockServer::builder()
//!     .scenario_file("scenarios/default.yaml")?
//!     .start()
//!     .await?;
//! let endpoint = server.endpoint(); // "127.0.0.1:PORT", for Config(endpoint=...)
//! # let _ = endpoint; Ok(()) }
//! ```
//!
//! # Layout
//!
//! * [`protocol`]: the Alibaba RPC wire format with no domain knowledge: parameters,
//!   signatures (pure functions, tested against captured SDK requests), response bodies.
//! * [`auth`]: AccessKeyId -> account; strict and lax modes; STS; nonces.
//! * [`error`]: [`ApiError`], the one Alibaba error type: code, status and message together.
//! * [`scenario`]: YAML/JSON world files: serde model, merge, validation with file:line:col.
//! * [`state`]: the world (accounts, keys, regions, and later images, shares, directories),
//!   the mock clock, the seeded ID generator. No HTTP.
//! * [`services`]: one module per product: an action table and synchronous handlers.
//! * [`app`]: the request pipeline, from a decoded HTTP request to response bytes.
//! * [`server`]: hyper, the accept loop, graceful shutdown, and [`MockServer`].
//! * [`admin`]: the control API (`/_mock/*`).
//!
//! Why this shape: the pipeline is synchronous and owns no sockets, so every rule can be
//! tested without a network; the wire format never sees the domain, so a new action is one
//! handler plus one table row.

pub mod control;
pub mod error;
pub mod pipeline;
pub mod products;
pub mod protocol;
pub mod regions;
pub mod scenario;
pub mod server;
pub mod time;
pub mod world;

pub use error::ApiError;
pub use scenario::{AuthMode, Scenario, ScenarioError, ScenarioErrors};
pub use server::{MockServer, MockServerBuilder, StartError};
