//! Demo mode: the provider emulator in-process, standing in for every route.

use std::process::ExitCode;

use dailies_core::catalog::RouteId;
use dailies_core::{DemoBackend, Error, Studio};
use dailies_sim::{Sim, SimConfig, SimHandle};

fn sim_error(e: impl std::fmt::Display) -> Error {
    Error::Catalog(format!("demo emulator: {e}"))
}

/// Starts the emulator on a random loopback port and routes every model to it.
pub async fn attach(studio: &Studio) -> Result<SimHandle, Error> {
    let config = SimConfig::from_env();
    let sim = Sim::start("127.0.0.1:0".parse().expect("loopback address"), config).await.map_err(sim_error)?;
    studio.set_demo(Some(DemoBackend::new(|route| sim.route_key(route), |route| sim.route_base_url(route))));
    Ok(sim)
}

/// `dailies sim`: serve until Ctrl-C, printing where each protocol lives.
pub async fn serve_forever(addr: &str) -> Result<ExitCode, Error> {
    let addr = addr.parse().map_err(|e| dailies_core::InputError::InvalidValue {
        field: "addr".into(),
        value: format!("{addr} ({e})"),
        allowed: vec!["HOST:PORT, e.g. 127.0.0.1:7878".into()],
    })?;
    let sim = Sim::start(addr, SimConfig::from_env()).await.map_err(sim_error)?;
    println!("dailies sim listening on {}", sim.base_url());
    for &route in RouteId::ALL {
        if let (Some(url), Some(key)) = (sim.route_base_url(route.as_str()), sim.route_key(route.as_str())) {
            // Each route takes its own key (Kling's is `access:secret`); they are the emulator's, not secrets.
            let var = route.as_str().to_ascii_uppercase();
            println!("  {:<8} DAILIES_{var}_BASE_URL={url}  key: {key}", route.as_str());
        }
    }
    tokio::signal::ctrl_c().await.map_err(|e| Error::io("signal", e))?;
    sim.shutdown();
    Ok(ExitCode::SUCCESS)
}
