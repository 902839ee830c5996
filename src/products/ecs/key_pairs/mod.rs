//! ECS SSH key pairs: the model and its rules. Facts from the ECS API reference:
//! <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createkeypair>,
//! `-importkeypair`, `-describekeypairs` and `-deletekeypairs` beside it.
//!
//! * Names: 2-128 characters, starting with a letter (Chinese included), then letters,
//!   digits, `:`, `_`, `-`; never starting with `http://` or `https://`. Unique per account
//!   and region (`KeyPair.AlreadyExist`); 500 per account and region (`QuotaExceed.KeyPair`).
//! * CreateKeyPair keeps the public key and returns the private key once, PEM-encoded
//!   PKCS#8. The real service makes RSA keys; the mock makes ECDSA P-256 keys from its seeded
//!   generator, so a seeded run returns the same keys (a documented mock choice).
//! * ImportKeyPair takes an OpenSSH public key of one of the documented types.
//! * The fingerprint is the MD5 digest of the public key blob in the RFC 4716 colon form.
//! * DeleteKeyPairs ignores names that do not exist (the reference lists no error for them).
//! * AttachKeyPair and DetachKeyPair bind a key pair to instances, each instance succeeding
//!   or failing on its own (`-attachkeypair`, `-detachkeypair`).

mod actions;
pub mod dump;
pub mod model;
mod rules;
pub mod scenario;

pub use actions::{
    attach_key_pair, create_key_pair, delete_key_pairs, describe_key_pairs, detach_key_pair,
    import_key_pair,
};
pub use model::*;
pub use rules::NewKeyPair;
