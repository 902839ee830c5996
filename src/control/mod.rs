//! The control plane: what a test drives besides the Alibaba API. The `/_mock/*` and
//! `/__admin/*` endpoints ([`api`]), injected faults ([`faults`]), the request journal
//! ([`journal`]) and WireMock-style stubs ([`stubs`]).

pub mod api;
pub mod dashboard;
pub mod faults;
pub mod journal;
pub mod stubs;
