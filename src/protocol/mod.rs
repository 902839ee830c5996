//! The Alibaba RPC wire format, with no domain knowledge: parameters, signatures, bodies.

pub mod envelope;
pub mod json;
pub mod params;
pub mod signature;

pub use envelope::{Format, Reply};
pub use params::Params;
