//! Error injection (docs/control-api.md): rules matched on action, product, account and region,
//! with a probability, a number of times and a delay.

use std::sync::Mutex;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::error::ApiError;
use crate::regions;
use crate::scenario::validate::Validator;
use crate::scenario::FaultSpec;

/// The longest delay a fault or stub may ask for: ten minutes (a mock limit; a longer
/// delay only holds a connection open).
pub const MAX_DELAY_MS: u64 = 600_000;

/// The delay message, shared by faults, stubs and the scenario check.
pub const DELAY_TOO_LONG: &str = "delay_ms must be at most 600000 (ten minutes)";

/// A rule as stored: the account already resolved to its ID.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub action: Option<String>,
    pub product: Option<String>,
    pub account: Option<String>,
    pub region: Option<String>,
    pub probability: Option<f64>,
    /// Remaining times the rule fires; None = always.
    pub times: Option<u64>,
    pub delay_ms: Option<u64>,
    pub error: Option<ErrorSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorSpec {
    pub code: String,
    pub message: String,
    pub status: u16,
}

impl Rule {
    /// From a scenario or control-API rule; `resolve` turns an alias or ID into an ID.
    pub fn from_spec(
        f: &FaultSpec,
        resolve: impl Fn(&str) -> Option<String>,
    ) -> Result<Rule, String> {
        let account = match &f.account {
            None => None,
            Some(a) => Some(resolve(a).ok_or_else(|| format!("unknown account {a:?}"))?),
        };
        if f.probability.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
            return Err("probability must be between 0 and 1".into());
        }
        if f.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            return Err(DELAY_TOO_LONG.into());
        }
        let error = match &f.error {
            None if f.delay_ms.is_none() => {
                return Err("a fault needs an error, a delay_ms, or both".into())
            }
            None => None,
            Some(e) => {
                // Codes in the error table default to its status and message.
                let known = ApiError::known(&e.code);
                let status = e.status.or(known.map(|k| k.0)).unwrap_or(400);
                if !(400..=599).contains(&status) {
                    return Err("error status must be between 400 and 599".into());
                }
                Some(ErrorSpec {
                    code: e.code.clone(),
                    message: e
                        .message
                        .clone()
                        .or(known.map(|k| k.1.to_string()))
                        .unwrap_or_else(|| {
                            "The request was failed on purpose by a fault rule.".into()
                        }),
                    status,
                })
            }
        };
        Ok(Rule {
            action: f.action.clone(),
            product: f.product.clone(),
            account,
            region: f.region.clone(),
            probability: f.probability,
            times: f.times,
            delay_ms: f.delay_ms,
            error,
        })
    }
}

/// What a matching rule does to a request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effect {
    pub delay_ms: u64,
    pub error: Option<ApiError>,
}

#[derive(Debug)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
    rng: Mutex<StdRng>,
}

impl Faults {
    pub fn new(rules: Vec<Rule>, seed: Option<u64>) -> Faults {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s ^ 0xFA17),
            None => StdRng::from_os_rng(),
        };
        Faults {
            rules: Mutex::new(rules),
            rng: Mutex::new(rng),
        }
    }

    pub fn list(&self) -> Vec<Rule> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn add(&self, r: Rule) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).push(r);
    }

    /// New rules and a new roll generator, as a fresh `Faults::new` would have them.
    pub fn reset(&self, rules: Vec<Rule>, seed: Option<u64>) {
        let fresh = Faults::new(rules, seed);
        *self.rng.lock().unwrap_or_else(|e| e.into_inner()) =
            fresh.rng.into_inner().unwrap_or_else(|e| e.into_inner());
        *self.rules.lock().unwrap_or_else(|e| e.into_inner()) =
            fresh.rules.into_inner().unwrap_or_else(|e| e.into_inner());
    }

    pub fn replace(&self, rules: Vec<Rule>) {
        *self.rules.lock().unwrap_or_else(|e| e.into_inner()) = rules;
    }

    /// The first matching rule fires (spending one of its `times`); product names match
    /// case-insensitively.
    pub fn check(
        &self,
        action: &str,
        product: &str,
        account: &str,
        region: &str,
    ) -> Option<Effect> {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        let idx = rules.iter().position(|r| {
            r.action.as_deref().is_none_or(|a| a == action)
                && r.product
                    .as_deref()
                    .is_none_or(|p| p.eq_ignore_ascii_case(product))
                && r.account.as_deref().is_none_or(|a| a == account)
                && r.region.as_deref().is_none_or(|g| g == region)
                && r.times != Some(0)
        })?;
        if let Some(p) = rules[idx].probability {
            let roll: f64 = self.rng.lock().unwrap_or_else(|e| e.into_inner()).random();
            if roll >= p {
                return None;
            }
        }
        let r = &mut rules[idx];
        if let Some(t) = r.times.as_mut() {
            *t -= 1;
        }
        let effect = Effect {
            delay_ms: r.delay_ms.unwrap_or(0),
            error: r
                .error
                .as_ref()
                .map(|e| ApiError::custom(e.code.clone(), e.message.clone(), e.status)),
        };
        if r.times == Some(0) {
            rules.remove(idx);
        }
        Some(effect)
    }
}

impl Validator<'_> {
    /// The scenario's `faults` section: known accounts, regions and products, a probability
    /// in 0..=1, an error code and a 4xx/5xx status, and an error or a delay at least.
    pub(crate) fn check_faults(&mut self, specs: &[FaultSpec], origins: &[(usize, usize)]) {
        for (f, &(fi, i)) in specs.iter().zip(origins) {
            let p = format!("faults[{i}]");
            if let Some(a) = &f.account {
                self.account(fi, &format!("{p}.account"), a);
            }
            if let Some(r) = &f.region {
                if regions::find(r).is_none() {
                    self.err(fi, &format!("{p}.region"), format!("unknown region {r:?}"));
                }
            }
            if let Some(prod) = &f.product {
                if crate::products::product_by_name(prod).is_none() {
                    self.err(
                        fi,
                        &format!("{p}.product"),
                        format!("unknown product {prod:?}"),
                    );
                }
            }
            if let Some(pr) = f.probability {
                if !(0.0..=1.0).contains(&pr) {
                    self.err(
                        fi,
                        &format!("{p}.probability"),
                        "probability must be between 0 and 1",
                    );
                }
            }
            match &f.error {
                Some(e) => {
                    if e.code.is_empty() {
                        self.err(
                            fi,
                            &format!("{p}.error.code"),
                            "error code must not be empty",
                        );
                    }
                    if let Some(st) = e.status {
                        if !(400..=599).contains(&st) {
                            self.err(
                                fi,
                                &format!("{p}.error.status"),
                                "error status must be between 400 and 599",
                            );
                        }
                    }
                }
                None if f.delay_ms.is_none() => {
                    self.err(fi, &p, "a fault needs an error, a delay_ms, or both")
                }
                None => {}
            }
            if f.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
                self.err(fi, &format!("{p}.delay_ms"), DELAY_TOO_LONG);
            }
        }
    }
}
