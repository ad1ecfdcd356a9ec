//! Protocol tests against a live emulator (fast timing, private clip cache), in one
//! binary so the test suite links once.

mod clips;
mod common;
mod control;
mod fal_elements;
mod fal_faults;
mod fal_flow;
mod fal_models;
mod fal_motion;
mod fal_storage;
mod fal_validation;
mod google;
mod kling;
mod lifecycle;
mod luma;
mod minimax;
mod openai_errors;
mod openai_flow;
mod replicate;
mod runway;
mod seedance;
