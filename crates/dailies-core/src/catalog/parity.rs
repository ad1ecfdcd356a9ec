//! The parity rule: run the nearest allowed value (ties go up) and say so, or refuse
//! under `--strict` naming the allowed values.

use super::params::{aspect_ratio, resolution_rank, CanonicalParams, ParityNote, ResolvedParams, Shot};
use super::schema::ParamSpec;
use super::shots::ShotForm;
use crate::error::InputError;

/// Resolves canonical values against one model+route. `label` names the model in errors;
/// `shot_form` is the route's shot template (`shots.toml`): a shot list becomes the route's
/// structured field or prose in the prompt.
pub fn resolve(
    label: &str,
    spec: &ParamSpec,
    shot_form: &ShotForm,
    asked: &CanonicalParams,
    strict: bool,
) -> Result<(ResolvedParams, Vec<ParityNote>), InputError> {
    let mut notes = Vec::new();
    let mut note = |param: &str, asked: String, ran: String, message: String| -> Result<(), InputError> {
        if strict {
            return Err(InputError::NotAllowed {
                model: label.to_string(),
                field: param.to_string(),
                asked: asked.clone(),
                allowed: allowed_values(spec, param),
            });
        }
        notes.push(ParityNote { param: param.to_string(), asked, ran, message });
        Ok(())
    };

    let mut prompt = asked.prompt.clone();
    let mut asked_duration = asked.duration_s;
    let shots = match asked.shots.as_deref() {
        None | Some([]) => None,
        Some(list) => match shot_form.prose(&prompt, list) {
            // The family's own prose form (the template says how), the shots' total as duration.
            Some(prose) => {
                let msg = "multi-shot not supported: shots written into the prompt".to_string();
                note("shots", format!("{} shots", list.len()), "1".into(), msg)?;
                prompt = prose;
                asked_duration = asked_duration.or(Some(list.iter().map(|s| s.duration_s).sum()));
                None
            }
            None => {
                let mut list = list.to_vec();
                if list.len() > spec.max_shots as usize {
                    let msg = format!("only the first {} shots run", spec.max_shots);
                    note("shots", format!("{} shots", list.len()), spec.max_shots.to_string(), msg)?;
                    list.truncate(spec.max_shots as usize);
                }
                let total: u32 = list.iter().map(|s| s.duration_s).sum();
                let fitted = nearest_up(&spec.durations, total, |v| f64::from(*v), f64::from(total)).unwrap_or(total);
                if fitted != total {
                    let msg = format!("shots total {total} s → ran {fitted} s (last shot adjusted)");
                    note("shots", format!("{total} s"), format!("{fitted} s"), msg)?;
                    fit_total(&mut list, fitted);
                }
                asked_duration = Some(list.iter().map(|s| s.duration_s).sum());
                Some(list)
            }
        },
    };

    let cfg_scale = match (asked.cfg_scale, spec.cfg_scale) {
        (None, _) => None,
        (Some(c), None) => {
            note("cfg", c.to_string(), String::new(), "cfg scale ignored".to_string())?;
            None
        }
        (Some(c), Some([lo, hi])) => {
            let ran = c.clamp(lo, hi);
            if (ran - c).abs() > f64::EPSILON {
                note("cfg", c.to_string(), ran.to_string(), format!("asked cfg {c} → ran {ran}"))?;
            }
            Some(ran)
        }
    };

    let resolution = match &asked.resolution {
        None => spec.default_resolution.clone(),
        Some(r) => {
            let target = f64::from(resolution_rank(r).unwrap_or(0));
            nearest_up(&spec.resolutions, r.clone(), |v| f64::from(resolution_rank(v).unwrap_or(0)), target)
                .unwrap_or_else(|| spec.default_resolution.clone())
        }
    };
    let resolution_note = asked
        .resolution
        .as_ref()
        .filter(|r| !resolution.eq_ignore_ascii_case(r))
        .map(|r| (r.clone(), resolution.clone()));
    let coupled = spec.couplings.iter().find(|c| c.resolutions.iter().any(|r| r.eq_ignore_ascii_case(&resolution)));
    let durations: Vec<u32> = match coupled.and_then(|c| c.durations.as_ref()) {
        Some(only) => spec.durations.iter().copied().filter(|d| only.contains(d)).collect(),
        None => spec.durations.clone(),
    };
    let aspects: Vec<String> = match coupled.and_then(|c| c.aspects.as_ref()) {
        Some(only) => spec.aspects.iter().filter(|a| only.contains(a)).cloned().collect(),
        None => spec.aspects.clone(),
    };
    let default_duration =
        nearest_up(&durations, spec.default_duration, |v| f64::from(*v), f64::from(spec.default_duration))
            .unwrap_or(spec.default_duration);
    let default_aspect = if aspects.contains(&spec.default_aspect) {
        spec.default_aspect.clone()
    } else {
        aspects.first().cloned().unwrap_or_else(|| spec.default_aspect.clone())
    };

    let duration_s = match asked_duration {
        None => default_duration,
        Some(d) => {
            let ran = nearest_up(&durations, d, |v| f64::from(*v), f64::from(d)).unwrap_or(default_duration);
            if ran != d {
                note("duration", format!("{d}"), format!("{ran}"), format!("asked {d} s → ran {ran} s"))?;
            }
            ran
        }
    };

    let aspect = match &asked.aspect {
        None => default_aspect,
        Some(a) => {
            let target = aspect_ratio(a).unwrap_or(1.0).ln();
            let ran = nearest_up(&aspects, a.clone(), |v| aspect_ratio(v).unwrap_or(1.0).ln(), target)
                .unwrap_or(default_aspect);
            if &ran != a {
                note("aspect", a.clone(), ran.clone(), format!("asked {a} → ran {ran}"))?;
            }
            ran
        }
    };

    // The resolution's note is written after duration's and aspect's so notes read in the
    // usual order, but it is decided first: some routes tie durations and aspects to it.
    if let Some((r, ran)) = &resolution_note {
        note("resolution", r.clone(), ran.clone(), format!("asked {r} → ran {ran}"))?;
    }

    let audio = match asked.audio {
        None => spec.default_audio,
        Some(a) if spec.audio.contains(&a) => a,
        Some(a) => {
            let ran = !a;
            let message = if a { "audio not supported".to_string() } else { "audio always on".to_string() };
            note("audio", on_off(a), on_off(ran), message)?;
            ran
        }
    };

    let negative_prompt = match &asked.negative_prompt {
        Some(n) if !n.trim().is_empty() && !spec.negative_prompt => {
            note("negative", n.clone(), String::new(), "negative prompt ignored".to_string())?;
            None
        }
        other => other.clone().filter(|n| !n.trim().is_empty()),
    };

    let seed = match asked.seed {
        Some(s) if !spec.seed => {
            note("seed", s.to_string(), String::new(), "seed ignored".to_string())?;
            None
        }
        other => other,
    };

    let resolved = ResolvedParams {
        prompt,
        negative_prompt,
        duration_s,
        aspect,
        resolution,
        audio,
        seed,
        cfg_scale,
        shots,
        start_image: asked.start_image.clone(),
        end_image: asked.end_image.clone(),
        // Set by the plan once the route's elements table says it takes them.
        elements: Vec::new(),
        overridden: Vec::new(),
        // Set by the plan once the route's motion table says it takes the reference video.
        motion: None,
    };
    Ok((resolved, notes))
}

/// Makes a structured shot list last exactly `total` seconds: the last shots give or take the
/// difference (a shot never drops below 1 s; shots left with nothing are dropped).
fn fit_total(list: &mut Vec<Shot>, total: u32) {
    let sum: u32 = list.iter().map(|s| s.duration_s).sum();
    if let (true, Some(last)) = (total > sum, list.last_mut()) {
        last.duration_s += total - sum;
        return;
    }
    let mut excess = sum.saturating_sub(total);
    while excess > 0 {
        let Some(last) = list.last_mut() else { return };
        let give = excess.min(last.duration_s.saturating_sub(1));
        last.duration_s -= give;
        excess -= give;
        if excess > 0 && list.len() > 1 {
            let dropped = list.pop().map_or(0, |s| s.duration_s);
            excess = excess.saturating_sub(dropped);
        } else if excess > 0 {
            return;
        }
    }
}

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.to_string()
}

/// The allowed values of one canonical parameter, as the CLI spells them.
pub fn allowed_values(spec: &ParamSpec, param: &str) -> Vec<String> {
    match param {
        "duration" => spec.durations.iter().map(|d| d.to_string()).collect(),
        "aspect" => spec.aspects.clone(),
        "resolution" => spec.resolutions.clone(),
        "audio" => spec.audio.iter().map(|a| on_off(*a)).collect(),
        "negative" if spec.negative_prompt => vec!["any text".into()],
        "seed" if spec.seed => vec!["any integer".into()],
        "cfg" => {
            spec.cfg_scale.map(|[lo, hi]| vec![format!("{lo}–{hi}")]).unwrap_or_else(|| vec!["(not supported)".into()])
        }
        "shots" if spec.max_shots > 0 => vec![format!("up to {} shots", spec.max_shots)],
        _ => vec!["(not supported)".into()],
    }
}

/// Picks the allowed value whose key is closest to `target`; on a tie the larger key wins.
/// Returns the exact value when it is allowed.
fn nearest_up<T: Clone + PartialEq>(allowed: &[T], asked: T, key: impl Fn(&T) -> f64, target: f64) -> Option<T> {
    if allowed.contains(&asked) {
        return Some(asked);
    }
    let mut best: Option<(&T, f64, f64)> = None;
    for v in allowed {
        let k = key(v);
        let dist = (k - target).abs();
        let better = match best {
            None => true,
            Some((_, bd, bk)) => dist < bd - 1e-9 || ((dist - bd).abs() <= 1e-9 && k > bk),
        };
        if better {
            best = Some((v, dist, k));
        }
    }
    best.map(|(v, _, _)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ShotForm {
        ShotForm::Structured
    }

    fn sora_pro() -> ParamSpec {
        ParamSpec {
            durations: vec![4, 8, 12],
            default_duration: 4,
            aspects: vec!["16:9".into(), "9:16".into()],
            default_aspect: "16:9".into(),
            resolutions: vec!["720p".into(), "1024p".into()],
            default_resolution: "720p".into(),
            audio: vec![true],
            default_audio: true,
            negative_prompt: false,
            seed: false,
            cfg_scale: None,
            max_shots: 0,
            couplings: vec![],
        }
    }

    fn ask(f: impl FnOnce(&mut CanonicalParams)) -> CanonicalParams {
        let mut p = CanonicalParams { prompt: "a lighthouse".into(), ..Default::default() };
        f(&mut p);
        p
    }

    #[test]
    fn ten_seconds_runs_twelve_with_a_note() {
        let (r, notes) = resolve("sora-2-pro", &sora_pro(), &form(), &ask(|p| p.duration_s = Some(10)), false).unwrap();
        assert_eq!(r.duration_s, 12);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].message, "asked 10 s → ran 12 s");
    }

    #[test]
    fn strict_refuses_and_names_allowed_values() {
        let err = resolve("sora-2-pro", &sora_pro(), &form(), &ask(|p| p.duration_s = Some(10)), true).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("4, 8, 12"), "{msg}");
        assert!(msg.contains("duration"), "{msg}");
    }

    #[test]
    fn ties_go_up_and_exact_values_pass() {
        let (r, notes) = resolve("m", &sora_pro(), &form(), &ask(|p| p.duration_s = Some(6)), false).unwrap();
        assert_eq!(r.duration_s, 8);
        assert_eq!(notes.len(), 1);
        let (r, notes) = resolve("m", &sora_pro(), &form(), &ask(|p| p.duration_s = Some(8)), false).unwrap();
        assert_eq!(r.duration_s, 8);
        assert!(notes.is_empty());
    }

    #[test]
    fn aspect_resolution_audio_and_ignored_fields() {
        let asked = ask(|p| {
            p.aspect = Some("21:9".into());
            p.resolution = Some("1080p".into());
            p.audio = Some(false);
            p.negative_prompt = Some("blur".into());
            p.seed = Some(7);
        });
        let (r, notes) = resolve("m", &sora_pro(), &form(), &asked, false).unwrap();
        assert_eq!(r.aspect, "16:9");
        assert_eq!(r.resolution, "1024p");
        assert!(r.audio);
        assert_eq!(r.negative_prompt, None);
        assert_eq!(r.seed, None);
        let msgs: Vec<_> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "asked 21:9 → ran 16:9",
                "asked 1080p → ran 1024p",
                "audio always on",
                "negative prompt ignored",
                "seed ignored"
            ]
        );
    }

    #[test]
    fn couplings_tie_durations_and_aspects_to_the_resolution() {
        let mut spec = sora_pro();
        spec.resolutions = vec!["720p".into(), "1080p".into()];
        spec.couplings = vec![super::super::schema::Coupling {
            resolutions: vec!["1080p".into()],
            durations: Some(vec![12]),
            aspects: Some(vec!["16:9".into()]),
        }];
        let asked = ask(|p| {
            p.resolution = Some("1080p".into());
            p.duration_s = Some(4);
            p.aspect = Some("9:16".into());
        });
        let (r, notes) = resolve("m", &spec, &form(), &asked, false).unwrap();
        assert_eq!((r.duration_s, r.aspect.as_str()), (12, "16:9"));
        let msgs: Vec<_> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(msgs, ["asked 4 s → ran 12 s", "asked 9:16 → ran 16:9"]);
        // Without an explicit duration the coupled default applies silently.
        let (r, notes) = resolve("m", &spec, &form(), &ask(|p| p.resolution = Some("1080p".into())), false).unwrap();
        assert_eq!((r.duration_s, notes.len()), (12, 0));
        assert!(resolve("m", &spec, &form(), &asked, true).is_err());
    }

    #[test]
    fn defaults_apply_silently() {
        let (r, notes) = resolve("m", &sora_pro(), &form(), &ask(|_| {}), false).unwrap();
        assert_eq!((r.duration_s, r.aspect.as_str(), r.resolution.as_str(), r.audio), (4, "16:9", "720p", true));
        assert!(notes.is_empty());
    }
}
