//! Request paths under `/fal`, split by the owner/app rule (fal.md §2): a submit takes
//! the full endpoint id, request URLs only `[ns/]owner/app`.

/// What a request path addresses, per the owner/app URL rule (fal.md §2).
#[derive(Debug, PartialEq)]
pub(super) enum Target<'a> {
    /// `{endpoint id}`: only POST (submit) is meaningful.
    Endpoint(&'a str),
    /// `{prefix}/requests/{id}[/…]`; `prefix` should be `[ns/]owner/app`.
    Request { prefix: &'a str, id: &'a str, op: RequestOp },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum RequestOp {
    Result,
    Status,
    Stream,
    Cancel,
}

pub(super) fn parse_target(path: &str) -> Target<'_> {
    let segments: Vec<&str> = path.split('/').collect();
    let op = |tail: &[&str]| match tail {
        [] => Some(RequestOp::Result),
        ["status"] => Some(RequestOp::Status),
        ["status", "stream"] => Some(RequestOp::Stream),
        ["cancel"] => Some(RequestOp::Cancel),
        _ => None,
    };
    // An endpoint id has at least owner/app before `requests`.
    for i in (2..segments.len().saturating_sub(1)).rev() {
        if segments[i] != "requests" {
            continue;
        }
        if let Some(op) = op(&segments[i + 2..]) {
            let prefix_len = segments[..i].iter().map(|s| s.len() + 1).sum::<usize>() - 1;
            return Target::Request { prefix: &path[..prefix_len], id: segments[i + 1], op };
        }
    }
    Target::Endpoint(path)
}

/// `[ns/]owner/app` of an endpoint id: the part request URLs keep (fal.md §2).
pub(crate) fn app_prefix(endpoint: &str) -> Option<&str> {
    let segments: Vec<&str> = endpoint.split('/').collect();
    let keep = if matches!(segments[0], "workflows" | "comfy") { 3 } else { 2 };
    if segments.len() < keep || segments.iter().any(|s| s.is_empty()) {
        return None;
    }
    let len = segments[..keep].iter().map(|s| s.len() + 1).sum::<usize>() - 1;
    Some(&endpoint[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_split_into_prefix_id_and_op() {
        let t = parse_target("fal-ai/kling-video/requests/abc/status/stream");
        assert_eq!(t, Target::Request { prefix: "fal-ai/kling-video", id: "abc", op: RequestOp::Stream });
        let t = parse_target("fal-ai/kling-video/v3/pro/text-to-video/requests/abc");
        assert_eq!(
            t,
            Target::Request { prefix: "fal-ai/kling-video/v3/pro/text-to-video", id: "abc", op: RequestOp::Result }
        );
        assert_eq!(parse_target("fal-ai/kling-video/v3/pro"), Target::Endpoint("fal-ai/kling-video/v3/pro"));
    }

    #[test]
    fn app_prefix_follows_the_namespace_rule() {
        assert_eq!(app_prefix("fal-ai/kling-video/v3/pro/text-to-video"), Some("fal-ai/kling-video"));
        assert_eq!(app_prefix("fal-ai/minimax/hailuo-02/pro/image-to-video"), Some("fal-ai/minimax"));
        assert_eq!(app_prefix("workflows/alice/pipe/extra"), Some("workflows/alice/pipe"));
        assert_eq!(app_prefix("lonely"), None);
    }
}
