//! The mock clock: real time (optionally shifted so that it starts at `start_time`) or a
//! manual clock that moves only when told (`/_mock/clock`, `MockServer::advance_clock`).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::scenario::ClockMode;
use crate::time::{wall_now, Millis, MAX_MILLIS, MIN_MILLIS};

#[derive(Debug)]
pub struct Clock {
    manual: AtomicBool,
    /// Manual: the current time. Real: the shift added to the wall clock.
    value: AtomicI64,
}

impl Default for Clock {
    /// The real clock.
    fn default() -> Clock {
        Clock::new(ClockMode::Real, None)
    }
}

impl Clock {
    pub fn new(mode: ClockMode, start: Option<Millis>) -> Clock {
        let manual = mode == ClockMode::Manual;
        let value = match (manual, start) {
            (true, Some(t)) => t,
            (true, None) => wall_now(),
            (false, Some(t)) => t - wall_now(),
            (false, None) => 0,
        };
        Clock {
            manual: AtomicBool::new(manual),
            value: AtomicI64::new(value),
        }
    }

    /// Starts the clock again as `Clock::new` would.
    pub fn reset(&self, mode: ClockMode, start: Option<Millis>) {
        let fresh = Clock::new(mode, start);
        self.manual.store(fresh.is_manual(), Ordering::Relaxed);
        self.value
            .store(fresh.value.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    /// Now, in milliseconds since the epoch, on the mock clock.
    pub fn now(&self) -> Millis {
        let v = self.value.load(Ordering::Relaxed);
        if self.is_manual() {
            v
        } else {
            wall_now() + v
        }
    }

    pub fn is_manual(&self) -> bool {
        self.manual.load(Ordering::Relaxed)
    }

    /// Moves the clock forward (or back, with a negative amount). Refused (false, nothing
    /// changed) when the result would leave 0000-01-01..=9999-12-31.
    pub fn advance(&self, ms: Millis) -> bool {
        match self.now().checked_add(ms) {
            Some(t) if (MIN_MILLIS..=MAX_MILLIS).contains(&t) => {
                self.value.fetch_add(ms, Ordering::Relaxed);
                true
            }
            _ => false,
        }
    }

    /// Sets the current time.
    pub fn set(&self, t: Millis) {
        let v = if self.is_manual() { t } else { t - wall_now() };
        self.value.store(v, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let c = Clock::new(ClockMode::Manual, Some(1_000));
        assert_eq!(c.now(), 1_000);
        c.advance(30_000);
        assert_eq!(c.now(), 31_000);
        c.set(5);
        assert_eq!(c.now(), 5);
    }

    #[test]
    fn real_clock_starts_at_start_time() {
        let c = Clock::new(ClockMode::Real, Some(1_767_225_600_000));
        let d = c.now() - 1_767_225_600_000;
        assert!((0..60_000).contains(&d), "{d}");
    }
}
