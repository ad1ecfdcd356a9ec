//! An early-exit error response, boxed so `Result<_, Rejection>` stays small on the
//! happy path (an axum `Response` is over 100 bytes).

use axum::response::{IntoResponse, Response};

pub(crate) struct Rejection(Box<Response>);

/// What most handlers answer: a response, or an early exit with an error response.
pub(crate) type Reply = Result<Response, Rejection>;

impl From<Response> for Rejection {
    fn from(response: Response) -> Self {
        Self(Box::new(response))
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        *self.0
    }
}
