//! Error objects shaped like the ones fal's FastAPI/Pydantic stack returns in a 422
//! `detail` array: `{loc, msg, type, input, ctx, url}`, with Pydantic's wording.

use serde_json::{json, Value};

/// A path into the request, e.g. `["body", "multi_prompt", 0, "prompt"]`.
pub(super) type Loc = Vec<Value>;

pub(super) fn child(loc: &[Value], segment: impl Into<Value>) -> Loc {
    let mut next = loc.to_vec();
    next.push(segment.into());
    next
}

#[derive(Default)]
pub(super) struct Errors(Vec<Value>);

impl Errors {
    pub fn push(&mut self, loc: &[Value], kind: &str, msg: &str, input: &Value) {
        self.push_ctx(loc, kind, msg, input, None);
    }

    pub fn push_ctx(&mut self, loc: &[Value], kind: &str, msg: &str, input: &Value, ctx: Option<Value>) {
        let mut error = json!({
            "loc": loc,
            "msg": msg,
            "type": kind,
            "input": input,
            "url": format!("https://errors.pydantic.dev/2.10/v/{kind}"),
        });
        if let Some(ctx) = ctx {
            error["ctx"] = ctx;
        }
        self.0.push(error);
    }

    pub fn literal(&mut self, loc: &[Value], allowed: &[Value], input: &Value) {
        let expected = literal_list(allowed);
        let msg = format!("Input should be {expected}");
        let ctx = json!({ "expected": expected });
        self.push_ctx(loc, "literal_error", &msg, input, Some(ctx));
    }

    /// Length bounds for strings (`unit` "character") or lists (`unit` "item").
    pub fn length(&mut self, loc: &[Value], input: &Value, len: usize, bounds: Bounds) {
        let list = bounds.unit == "item";
        let noun = if list { "List" } else { "String" };
        let s = |n: usize| if n == 1 { "" } else { "s" };
        if let Some(min) = bounds.min.filter(|min| len < *min) {
            let kind = if list { "too_short" } else { "string_too_short" };
            let msg = format!("{noun} should have at least {min} {}{}", bounds.unit, s(min));
            let ctx = json!({"min_length": min, "actual_length": len});
            self.push_ctx(loc, kind, &msg, input, Some(ctx));
        }
        if let Some(max) = bounds.max.filter(|max| len > *max) {
            let kind = if list { "too_long" } else { "string_too_long" };
            let msg = format!("{noun} should have at most {max} {}{}", bounds.unit, s(max));
            let ctx = json!({"max_length": max, "actual_length": len});
            self.push_ctx(loc, kind, &msg, input, Some(ctx));
        }
    }

    pub fn into_result<T>(self, ok: T) -> Result<T, Vec<Value>> {
        if self.0.is_empty() {
            Ok(ok)
        } else {
            Err(self.0)
        }
    }
}

pub(super) struct Bounds {
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub unit: &'static str,
}

/// `'3', '4' or '5'`, Pydantic's wording for a Literal's expected values.
fn literal_list(allowed: &[Value]) -> String {
    let quoted: Vec<String> = allowed
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("'{s}'"),
            other => other.to_string(),
        })
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_errors_use_pydantic_wording() {
        let mut errors = Errors::default();
        let allowed = [Value::from("16:9"), Value::from("9:16"), Value::from("1:1")];
        errors.literal(&[Value::from("body")], &allowed, &Value::from("4:3"));
        let detail = errors.into_result(()).unwrap_err();
        assert_eq!(detail[0]["msg"], "Input should be '16:9', '9:16' or '1:1'");
        assert_eq!(detail[0]["type"], "literal_error");
    }
}
