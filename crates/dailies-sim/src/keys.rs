//! The key each emulated route accepts. Every route has its own, as every real service
//! does, so a key wired to the wrong route is refused instead of quietly working.

/// The keys a default emulator accepts; the demo modes hand them to the app per route.
/// Each has its service's usual prefix, then letters no word or hex id shares: Dailies
/// scrubs any 8-character piece of a key in use from what it stores, so a key containing
/// "replicate" would blank that word in every message.
pub mod demo_keys {
    pub const FAL: &str = "fal-demo-Qx7Vm2Kp9Rw4Tz:Hs8Nj3Lq6Wy5Zr";
    pub const OPENAI: &str = "sk-proj-demo-Mv4Qz8Rt2Kw7Ly";
    pub const REPLICATE: &str = "r8_demo-Pz6Kq3Wx9Nv2Ty";
    pub const KLING_ACCESS: &str = "ak-demo-Rq5Vx8Mz2Kw7Np";
    pub const KLING_SECRET: &str = "sk-demo-Lt9Wy4Qz6Hx3Ms";
    pub const GOOGLE: &str = "AIzaSy-demo-Xq2Nv7Kz5Rw8Pt";
    pub const RUNWAY: &str = "key_demo-Vz3Qm8Lx6Tw2Ky";
    pub const LUMA: &str = "luma-demo-Wq7Ry2Nz5Kx9Mt";
    pub const MINIMAX: &str = "mm-demo-Kz4Tx9Wq2Vy6Rn";
    pub const SEEDANCE: &str = "ark-demo-Ny8Qw3Lz7Tx5Vk";
}

/// One accepted key per route. Kling's credential is a pair: the JWT is signed with the
/// secret key and names the access key as its issuer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimKeys {
    pub fal: String,
    pub openai: String,
    pub replicate: String,
    pub kling_access: String,
    pub kling_secret: String,
    pub google: String,
    pub runway: String,
    pub luma: String,
    pub minimax: String,
    pub seedance: String,
}

impl Default for SimKeys {
    fn default() -> Self {
        Self::demo()
    }
}

impl SimKeys {
    pub fn demo() -> Self {
        use demo_keys::*;
        Self {
            fal: FAL.into(),
            openai: OPENAI.into(),
            replicate: REPLICATE.into(),
            kling_access: KLING_ACCESS.into(),
            kling_secret: KLING_SECRET.into(),
            google: GOOGLE.into(),
            runway: RUNWAY.into(),
            luma: LUMA.into(),
            minimax: MINIMAX.into(),
            seedance: SEEDANCE.into(),
        }
    }

    /// The credential a client configures for `route`, in the form Dailies keeps it
    /// (Kling's pair as `access:secret`, like `KLING_ACCESS_KEY` + `KLING_SECRET_KEY`).
    pub fn for_route(&self, route: &str) -> Option<String> {
        let key = match route {
            "fal" => &self.fal,
            "openai" => &self.openai,
            "replicate" => &self.replicate,
            "kling" => return Some(format!("{}:{}", self.kling_access, self.kling_secret)),
            "google" => &self.google,
            "runway" => &self.runway,
            "luma" => &self.luma,
            "minimax" => &self.minimax,
            "seedance" => &self.seedance,
            _ => return None,
        };
        Some(key.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_its_own_key_and_kling_a_distinct_pair() {
        let keys = SimKeys::demo();
        let routes = ["fal", "openai", "replicate", "kling", "google", "runway", "luma", "minimax", "seedance"];
        let all: std::collections::HashSet<String> = routes.iter().filter_map(|r| keys.for_route(r)).collect();
        assert_eq!(all.len(), routes.len());
        assert_ne!(keys.kling_access, keys.kling_secret);
        assert_eq!(keys.for_route("nope"), None);
    }
}
