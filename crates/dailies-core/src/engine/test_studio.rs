//! A studio for engine tests: a real library (SQLite file, media folder) in `dir`, the
//! shipped catalog with that folder's overlays, an in-memory keychain. Tests only.

use std::path::Path;
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::secrets::MemoryStore;
use crate::{PollPolicy, Studio, StudioOptions};

pub(crate) async fn studio(dir: &Path) -> Studio {
    let options = StudioOptions {
        data_dir: dir.to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::with_overlays(dir).unwrap(),
        poll: PollPolicy::default(),
    };
    Studio::open(options).await.unwrap()
}
