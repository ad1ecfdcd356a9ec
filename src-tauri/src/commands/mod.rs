//! One module per area; each command unpacks, calls the core and maps the error.

pub mod curate;
pub mod elements;
pub mod export;
pub mod extend;
pub mod images;
pub mod iterate;
pub mod keys;
pub mod library;
pub mod library_location;
pub mod lint;
pub mod media;
pub mod models;
pub mod preview;
pub mod prices;
pub mod runs;
pub mod search;
pub mod settings;
pub mod stats_series;
pub mod time_notes;
