//! Reading a create request body, JSON or multipart, into one JSON object so a single
//! validator serves both encodings.

use std::sync::Arc;

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::errors::error;
use crate::rejection::Rejection;
use crate::state::Shared;

pub(super) async fn read_json(request: Request, shared: &Arc<Shared>) -> Result<Map<String, Value>, Rejection> {
    let bytes = Bytes::from_request(request, shared)
        .await
        .map_err(|e| invalid_body(&format!("Could not read the request body: {e}")))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid_body("The request body must be a JSON object.")),
        Err(_) => Err(invalid_body(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't \
             using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
        )),
    }
}

/// Multipart fields become a JSON object: text parts as strings, file parts summarised.
pub(super) async fn read_multipart(request: Request, shared: &Arc<Shared>) -> Result<Map<String, Value>, Rejection> {
    let bad = |e: &dyn std::fmt::Display| invalid_body(&format!("Invalid multipart body: {e}"));
    let mut form = Multipart::from_request(request, shared).await.map_err(|e| bad(&e))?;
    let mut fields = Map::new();
    while let Some(field) = form.next_field().await.map_err(|e| bad(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let data = field.bytes().await.map_err(|e| bad(&e))?;
        let value = match file_name {
            Some(file_name) => {
                json!({"file": {"filename": file_name, "content_type": content_type, "bytes": data.len()}})
            }
            // A text input_reference part may carry the JSON object form.
            None if name == "input_reference" => serde_json::from_slice(&data)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&data).into_owned())),
            None => Value::String(String::from_utf8_lossy(&data).into_owned()),
        };
        fields.insert(name, value);
    }
    Ok(fields)
}

pub(super) fn invalid_body(message: &str) -> Rejection {
    error(StatusCode::BAD_REQUEST, message, "invalid_request_error", None, None)
}
