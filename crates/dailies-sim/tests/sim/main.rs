//! Protocol tests against a live emulator (fast timing, private clip cache), in one
//! binary so the test suite links once.

mod clips;
mod common;
mod control;
mod fal_faults;
mod fal_flow;
mod fal_validation;
mod lifecycle;
mod openai_errors;
mod openai_flow;
