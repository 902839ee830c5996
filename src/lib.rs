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
//! * [`error`]: [`ApiError`], the one table of Alibaba errors: code, status and message.
//! * [`scenario`]: YAML/JSON world files: serde model, merge, validation with file:line:col
//!   (each product checks its own section).
//! * [`world`]: the [`world::World`] every product's state lives in, its lock, the mock
//!   clock, the seeded ID generator, and who sees which image. No HTTP.
//! * [`products`]: one home per product (ECS, Resource Directory, Resource Sharing, Quota
//!   Center, RAM, SWAS): model, rules, action table and handlers, scenario section, state dump.
//! * [`pipeline`]: the request path as named stages, from a decoded request to response
//!   bytes; authentication.
//! * [`control`]: the control API (`/_mock/*`, `/__admin/*`), faults, journal, stubs.
//! * [`server`]: hyper, the accept loop, graceful shutdown, and [`MockServer`].
//!
//! The pipeline is synchronous and owns no sockets, so it can be driven in process
//! (`benches/load.rs` does); `ARCHITECTURE.md` shows how to add an action or a resource kind.

pub mod client;
pub mod control;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod pipeline;
pub mod products;
pub mod protocol;
pub mod regions;
pub mod scenario;
pub mod server;
pub mod time;
pub mod world;

pub use error::{ApiError, ControlError};
pub use scenario::{AuthMode, Scenario, ScenarioError, ScenarioErrors};
pub use server::{MockServer, MockServerBuilder, StartError};
