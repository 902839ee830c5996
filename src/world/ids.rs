//! IDs and RequestIds from one seeded generator, so a seeded run is reproducible.

use std::sync::Mutex;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Debug)]
pub struct Ids {
    rng: Mutex<StdRng>,
}

const ALNUM: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl Ids {
    /// A generator; `None` seeds from the operating system.
    pub fn new(seed: Option<u64>) -> Ids {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Ids {
            rng: Mutex::new(rng),
        }
    }

    /// Starts the sequence again (a reset world repeats a seeded run).
    pub fn reseed(&self, seed: Option<u64>) {
        *self.rng.lock().unwrap_or_else(|e| e.into_inner()) = Ids::new(seed)
            .rng
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
    }

    /// An upper-case UUID-shaped RequestId, like `2F23CFB6-A721-4E90-AC1E-0E30FA8B45DA`.
    pub fn request_id(&self) -> String {
        let (a, b): (u64, u64) = {
            let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
            (rng.random(), rng.random())
        };
        uuid_text(a, b)
    }

    /// A stub mapping's ID: a lower-case UUID, as WireMock gives them.
    pub fn stub_id(&self) -> String {
        self.request_id().to_lowercase()
    }

    /// `prefix` followed by `len` lower-case alphanumerics (e.g. `m-` + 20 for images,
    /// docs/sources.md#ecs-ids-and-regions).
    pub fn resource_id(&self, prefix: &str, len: usize) -> String {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = String::with_capacity(prefix.len() + len);
        s.push_str(prefix);
        for _ in 0..len {
            s.push(ALNUM[rng.random_range(0..ALNUM.len())] as char);
        }
        s
    }
}

impl Ids {
    /// 32 random bytes (key material).
    pub fn bytes32(&self) -> [u8; 32] {
        self.rng.lock().unwrap_or_else(|e| e.into_inner()).random()
    }

    /// A decimal number of `len` digits, not starting with 0 (account IDs).
    pub fn digits(&self, len: usize) -> String {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = String::with_capacity(len);
        s.push((b'1' + rng.random_range(0..9u8)) as char);
        for _ in 1..len {
            s.push((b'0' + rng.random_range(0..10u8)) as char);
        }
        s
    }
}

/// `a` and `b` as 8-4-4-4-12 upper-case hex digits: `a` in 32, 16 and 16 bits, then `b`'s
/// top 16 and low 48 bits.
fn uuid_text(a: u64, b: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut text = [0u8; 36];
    let mut at = 0;
    let groups = [
        (a >> 32, 8),
        ((a >> 16) & 0xFFFF, 4),
        (a & 0xFFFF, 4),
        (b >> 48, 4),
        (b & 0xFFFF_FFFF_FFFF, 12),
    ];
    for (value, digits) in groups {
        if at > 0 {
            text[at] = b'-';
            at += 1;
        }
        for i in (0..digits).rev() {
            text[at] = HEX[((value >> (4 * i)) & 0xF) as usize];
            at += 1;
        }
    }
    String::from_utf8(text.to_vec()).expect("ASCII hex digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_generators_repeat() {
        let (a, b) = (Ids::new(Some(7)), Ids::new(Some(7)));
        assert_eq!(a.request_id(), b.request_id());
        assert_eq!(a.resource_id("m-", 20), b.resource_id("m-", 20));
        let id = a.request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id, id.to_uppercase());
        let m = a.resource_id("m-", 20);
        assert_eq!(m.len(), 22);
    }

    #[test]
    fn request_ids_are_the_uuid_layout() {
        let mut x: u64 = 0x0123_4567_89AB_CDEF;
        for _ in 0..1000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (a, b) = (x, x.rotate_left(29) ^ 0xDEAD_BEEF);
            let expected = format!(
                "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
                a >> 32,
                (a >> 16) & 0xFFFF,
                a & 0xFFFF,
                b >> 48,
                b & 0xFFFF_FFFF_FFFF
            );
            assert_eq!(uuid_text(a, b), expected);
        }
        assert_eq!(
            uuid_text(0, u64::MAX),
            "00000000-0000-0000-FFFF-FFFFFFFFFFFF"
        );
    }
}
