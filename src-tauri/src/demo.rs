//! Demo mode: the provider emulator in-process, started the first time demo is turned on
//! and kept for the app's lifetime, with every route pointed at it.
//! `DAILIES_SIM_CLIP_FPS=24 DAILIES_SIM_FRAME_NUMBERS=1` make its clips 24 fps with their frame
//! index in the picture (`dailies_sim::ClipRender`), for measuring the player.

use dailies_core::{DemoBackend, Studio};
use dailies_sim::{Sim, SimConfig, SimHandle};
use tokio::sync::Mutex;

#[derive(Default)]
pub struct Demo {
    sim: Mutex<Option<SimHandle>>,
}

impl Demo {
    /// Turns demo on (starting the emulator if needed) or off.
    pub async fn apply(&self, studio: &Studio, on: bool) -> Result<(), String> {
        if !on {
            studio.set_demo(None);
            return Ok(());
        }
        let mut sim = self.sim.lock().await;
        if sim.is_none() {
            let addr = "127.0.0.1:0".parse().map_err(|e| format!("emulator address: {e}"))?;
            let started = Sim::start(addr, SimConfig::from_env())
                .await
                .map_err(|e| format!("the demo emulator could not start: {e}"))?;
            tracing::info!(fal = %started.fal_base_url(), "demo emulator started");
            *sim = Some(started);
        }
        let handle = sim.as_ref().expect("emulator started above");
        // Each route accepts its own key; the emulator says which.
        studio.set_demo(Some(DemoBackend::new(|route| handle.route_key(route), |route| handle.route_base_url(route))));
        Ok(())
    }
}
