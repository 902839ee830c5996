#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| alicloud_mock::fuzzing::params(data));
