//! MiniMax's v1 video API (minimax.md) under `/minimax`, standing in for
//! `https://api.minimax.io`: `POST /v1/video_generation`, `GET /v1/query/video_generation`,
//! `GET /v1/files/retrieve`, plus `/minimax/oss` standing in for the object storage that
//! serves the pre-signed download URLs.
//!
//! Like the real API, business errors (auth, validation, balance, rate limits) come back
//! as HTTP 200 with a non-zero `base_resp.status_code`; every response carries `base_resp`
//! and a `Trace-Id` header.

mod create;
mod errors;
mod files;
mod query;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::bearer::bearer;
use crate::rejection::Rejection;
use crate::state::{Book, Shared};
use errors::base_error;

/// A data-URL first frame may be up to 20 MB of image, about 27 MB once base64-encoded.
const BODY_LIMIT: usize = 32 << 20;

pub(crate) fn router() -> Router<Arc<Shared>> {
    let api = Router::new()
        .route("/minimax/v1/video_generation", post(create::create))
        .route("/minimax/v1/query/video_generation", get(query::query))
        .route("/minimax/v1/files/retrieve", get(files::retrieve))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(trace_id));
    let storage = Router::new().route("/minimax/oss/{file_id}/{name}", get(files::download));
    api.merge(storage).layer(Extension(Arc::new(Local::default())))
}

/// Task ↔ file ids (MiniMax reports a separate `file_id` once a task succeeds) and the
/// per-instance secret that signs download URLs.
pub(crate) struct Local {
    file_of_task: Book<String>,
    task_of_file: Book<String>,
    signing_secret: String,
}

impl Default for Local {
    fn default() -> Self {
        Self {
            file_of_task: Book::default(),
            task_of_file: Book::default(),
            signing_secret: uuid::Uuid::new_v4().simple().to_string(),
        }
    }
}

impl Local {
    fn register(&self, task_id: &str, file_id: &str) {
        self.file_of_task.insert(task_id, file_id.to_owned());
        self.task_of_file.insert(file_id, task_id.to_owned());
    }

    fn file_of(&self, task_id: &str) -> Option<String> {
        self.file_of_task.get(task_id)
    }

    fn task_of(&self, file_id: &str) -> Option<String> {
        self.task_of_file.get(file_id)
    }
}

/// MiniMax's MCP client logs the `Trace-Id` response header on errors; every API
/// response carries one.
async fn trace_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string()) {
        response.headers_mut().insert("trace-id", value);
    }
    response
}

/// `Authorization: Bearer <key>`. A missing or wrong key is status 1004 with HTTP 200.
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Rejection> {
    match bearer(headers).map(str::trim) {
        Some(key) if key == shared.config.keys.minimax => Ok(()),
        Some(_) => Err(base_error(1004, "login fail: invalid api key")),
        None => Err(base_error(
            1004,
            "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
        )),
    }
}

/// A 15-digit numeric id, the shape of MiniMax's `task_id` and `file_id`.
fn numeric_id() -> String {
    rand::Rng::gen_range(&mut rand::thread_rng(), 100_000_000_000_000u64..1_000_000_000_000_000).to_string()
}

/// Frame size for a MiniMax resolution label; v1 text-to-video is 16:9.
fn frame(resolution: &str) -> (u32, u32) {
    match resolution {
        "512P" => (910, 512),
        "768P" => (1366, 768),
        "1080P" => (1920, 1080),
        // The 01 series renders 720p.
        _ => (1280, 720),
    }
}
