//! The web app's entry point: mounts the editor. Everything else lives behind `jianbao::ui`.

#[cfg(target_arch = "wasm32")]
fn main() {
    jianbao::ui::start();
}

/// Natively there is no app to mount; the native binary is `jianbao` (the CLI).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jianbao-web is the browser app: build it with `cargo xtask serve`.");
}
