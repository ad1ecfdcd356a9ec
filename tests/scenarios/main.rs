//! Integration scenarios, one binary. Each module is one area of the product exercised
//! through its real parts: the `dailies` binary, the provider emulator on loopback, real
//! SQLite files, real MP4s, the real Secret Service and Prism with the official spec.

mod adapters_fal;
mod adapters_fal_catalog;
mod adapters_google;
mod adapters_kling;
mod adapters_luma;
mod adapters_minimax;
mod adapters_openai;
mod adapters_replicate;
mod adapters_runway;
mod adapters_seedance;
mod app_exports;
mod batch;
mod cancel;
mod cli_contract;
mod cli_many_models;
mod concurrency;
mod cost_kind;
mod curate;
mod deb_bundle;
mod export_run;
mod export_video;
mod fault_matrix;
mod faults_transport;
mod keychain;
mod keys_failure_paths;
mod keys_never_persisted;
mod keys_per_route;
mod kill_points;
mod library;
mod library_move;
mod library_search;
mod lint;
mod preview;
mod prism_openai;
mod prism_replicate;
mod remix;
mod rerun;
mod resume;
mod run_end;
mod settings_budgets;
mod takes;
mod trash;
mod ui_fixtures;
