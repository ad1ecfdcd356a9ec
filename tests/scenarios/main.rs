//! Integration scenarios, one binary. Each module is one area of the product exercised
//! through its real parts: the `dailies` binary, the provider emulator on loopback, real
//! SQLite files, real MP4s, the real Secret Service and Prism with the official spec.

mod adapters_fal;
mod adapters_openai;
mod cli_contract;
mod keychain;
mod keys_never_persisted;
mod prism_openai;
mod resume;
