//! `--override MODEL:FIELD=VALUE` (repeatable): one model of a comparison asked for another
//! prompt, negative prompt, seed, cfg, duration or audio than the rest.

use dailies_core::catalog::ModelOverride;

/// One `--override` flag as typed.
#[derive(Debug, Clone)]
pub struct OverrideArg {
    pub model: String,
    pub set: ModelOverride,
}

const FIELDS: &str = "prompt, negative, seed, cfg, duration, audio";

/// Parses `kling-3.0-pro:duration=10`, `sora-2@openai:prompt=a slow dolly`, `veo-3.1:audio=off`.
pub fn parse(s: &str) -> Result<OverrideArg, String> {
    let (model, assignment) = s
        .split_once(':')
        .ok_or_else(|| format!("expected MODEL:FIELD=VALUE, e.g. kling-3.0-pro:duration=10 (fields: {FIELDS})"))?;
    let (field, value) = assignment.split_once('=').ok_or_else(|| format!("'{assignment}': expected FIELD=VALUE"))?;
    let (model, field, value) = (model.trim(), field.trim(), value.trim());
    if model.is_empty() {
        return Err("the model before ':' is empty".into());
    }
    let mut set = ModelOverride { model: model.to_string(), ..Default::default() };
    let number = |what: &str| format!("{field}: '{value}' is not {what}");
    match field {
        "prompt" if !value.is_empty() => set.prompt = Some(value.to_string()),
        "prompt" => return Err("prompt: must not be empty".into()),
        "negative" => set.negative_prompt = Some(value.to_string()),
        "seed" => set.seed = Some(value.parse().map_err(|_| number("an integer"))?),
        "cfg" => {
            set.cfg_scale = Some(value.parse().ok().filter(|c: &f64| c.is_finite()).ok_or_else(|| number("a number"))?)
        }
        "duration" => set.duration_s = Some(value.parse().map_err(|_| number("a whole number of seconds"))?),
        "audio" => {
            set.audio = Some(match value {
                "on" => true,
                "off" => false,
                _ => return Err(format!("audio: '{value}' is not valid; allowed values: on, off")),
            })
        }
        other => return Err(format!("'{other}' cannot be overridden; allowed fields: {FIELDS}")),
    }
    Ok(OverrideArg { model: model.to_string(), set })
}

/// Folds the flags into one override per model (a later flag for the same field wins).
pub fn merge(args: &[OverrideArg]) -> Vec<ModelOverride> {
    let mut out: Vec<ModelOverride> = Vec::new();
    for arg in args {
        let o = match out.iter_mut().find(|o| o.model.eq_ignore_ascii_case(&arg.model)) {
            Some(o) => o,
            None => {
                out.push(ModelOverride { model: arg.model.clone(), ..Default::default() });
                out.last_mut().expect("just pushed")
            }
        };
        let s = &arg.set;
        o.prompt = s.prompt.clone().or(o.prompt.take());
        o.negative_prompt = s.negative_prompt.clone().or(o.negative_prompt.take());
        o.seed = s.seed.or(o.seed);
        o.cfg_scale = s.cfg_scale.or(o.cfg_scale);
        o.duration_s = s.duration_s.or(o.duration_s);
        o.audio = s.audio.or(o.audio);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_fold_into_one_override_per_model() {
        let args: Vec<OverrideArg> =
            ["kling-3.0-pro:duration=10", "sora-2@openai:prompt=a: slow dolly", "kling-3.0-pro:audio=off"]
                .iter()
                .map(|s| parse(s).unwrap())
                .collect();
        let merged = merge(&args);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].duration_s, merged[0].audio), (Some(10), Some(false)));
        assert_eq!(merged[1].prompt.as_deref(), Some("a: slow dolly"));
    }

    #[test]
    fn bad_flags_name_what_is_wrong() {
        assert!(parse("kling-3.0-pro").unwrap_err().contains("MODEL:FIELD=VALUE"));
        assert!(parse("kling-3.0-pro:aspect=1:1").unwrap_err().contains("allowed fields"));
        assert!(parse("kling-3.0-pro:duration=ten").unwrap_err().starts_with("duration:"));
        assert!(parse("kling-3.0-pro:audio=yes").unwrap_err().contains("on, off"));
        assert!(parse("kling-3.0-pro:prompt=").unwrap_err().starts_with("prompt:"));
    }
}
