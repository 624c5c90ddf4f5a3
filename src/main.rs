//! Event Atlas: on the desktop a command line and a window ([`desktop`]); in the browser a
//! page ([`web`]). This is the one place the binary chooses between them.

#[cfg(not(target_arch = "wasm32"))]
mod desktop;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    desktop::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}
