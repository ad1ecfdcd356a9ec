//! Kling's model names (kling.md §3–§4) with what each accepts and what it costs in units
//! (§11), so the emulator can reject what Kling rejects and report `final_unit_deduction`.

/// One `model_name`.
pub(super) struct Model {
    pub name: &'static str,
    /// Accepted on `image2video` only (`kling-v1-5`, `kling-v2-1`).
    pub image_only: bool,
    /// `"3"`..`"15"` instead of `"5"` | `"10"` (V3; UNCONFIRMED on this endpoint).
    pub free_duration: bool,
    /// Takes `sound: "on"` (V2.6+); `pro_sound_only` limits it to pro mode.
    pub sound: bool,
    pub pro_sound_only: bool,
    /// `cfg_scale` is not supported by the 2.x models.
    pub cfg_scale: bool,
    /// Master models have one tier (1080p class) and ignore `mode`.
    pub master: bool,
    pub price: Price,
}

/// Units charged, per clip of 5 s (doubling at 10 s) or per second (V3).
pub(super) enum Price {
    Per5s { std: f64, pro: f64, pro_sound: f64 },
    PerSecond { std: f64, pro: f64, std_sound: f64, pro_sound: f64 },
}

const fn m(name: &'static str, sound: bool, cfg_scale: bool, price: Price) -> Model {
    Model {
        name,
        image_only: false,
        free_duration: false,
        sound,
        pro_sound_only: false,
        cfg_scale,
        master: false,
        price,
    }
}

const fn per5(std: f64, pro: f64) -> Price {
    Price::Per5s { std, pro, pro_sound: pro }
}

pub(super) const MODELS: &[Model] = &[
    // kling-v1 is not in the price table; it is charged like its successor v1-6.
    m("kling-v1", false, true, per5(2.0, 3.5)),
    m("kling-v1-6", false, true, per5(2.0, 3.5)),
    Model { image_only: true, ..m("kling-v1-5", false, true, per5(2.0, 3.5)) },
    Model { master: true, ..m("kling-v2-master", false, false, per5(10.0, 10.0)) },
    Model { image_only: true, ..m("kling-v2-1", false, false, per5(2.0, 3.5)) },
    Model { master: true, ..m("kling-v2-1-master", false, false, per5(10.0, 10.0)) },
    m("kling-v2-5-turbo", false, false, per5(1.5, 2.5)),
    Model { pro_sound_only: true, ..m("kling-v2-6", true, false, Price::Per5s { std: 1.5, pro: 2.5, pro_sound: 5.0 }) },
    Model {
        free_duration: true,
        ..m("kling-v3", true, true, Price::PerSecond { std: 0.6, pro: 0.8, std_sound: 0.9, pro_sound: 1.2 })
    },
];

pub(super) fn find(name: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.name == name)
}

impl Model {
    pub fn durations(&self) -> Vec<String> {
        if self.free_duration {
            (3..=15).map(|s: u32| s.to_string()).collect()
        } else {
            vec!["5".into(), "10".into()]
        }
    }

    /// The 1080p class (pro, master) or the 720p class (std).
    pub fn high_tier(&self, mode: &str) -> bool {
        self.master || mode == "pro"
    }

    pub fn units(&self, mode: &str, seconds: u32, sound: bool) -> f64 {
        let pro = self.high_tier(mode);
        match self.price {
            Price::Per5s { std, pro: p, pro_sound } => {
                let per_clip = match (pro, sound) {
                    (true, true) => pro_sound,
                    (true, false) => p,
                    (false, _) => std,
                };
                per_clip * f64::from(seconds) / 5.0
            }
            Price::PerSecond { std, pro: p, std_sound, pro_sound } => {
                let rate = match (pro, sound) {
                    (true, true) => pro_sound,
                    (true, false) => p,
                    (false, true) => std_sound,
                    (false, false) => std,
                };
                rate * f64::from(seconds)
            }
        }
    }
}

/// Output frame size: 16:9, 9:16 or 1:1 at 1080p or 720p class.
pub(super) fn frame(aspect: &str, high: bool) -> (u32, u32) {
    let short = if high { 1080 } else { 720 };
    let long = short * 16 / 9;
    match aspect {
        "9:16" => (short, long),
        "1:1" => (short, short),
        _ => (long, short),
    }
}

/// `4`, `1.5`: the unit count as Kling writes it, a decimal string.
pub(super) fn units_string(units: f64) -> String {
    let rounded = (units * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_price_table() {
        let v3 = find("kling-v3").unwrap();
        assert_eq!(units_string(v3.units("pro", 5, false)), "4");
        assert_eq!(units_string(v3.units("pro", 5, true)), "6");
        assert_eq!(units_string(v3.units("std", 3, false)), "1.8");
        let v26 = find("kling-v2-6").unwrap();
        assert_eq!(units_string(v26.units("pro", 10, true)), "10");
        assert_eq!(units_string(find("kling-v2-1-master").unwrap().units("std", 5, false)), "10");
        assert_eq!(frame("9:16", true), (1080, 1920));
        assert_eq!(frame("16:9", false), (1280, 720));
    }
}
